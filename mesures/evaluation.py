"""Figures of the triage on a file of labelled messages (tests/data/triage/*.yml).

`python -m tests.unit.assistant.evaluation tests/data/triage/dev.yml` prints the figures and
every miss with the expressions found: the tool to tune the lexicon on the tuning files
(dev*.yml), never on heldout_h.yml.
With `--rasa http://127.0.0.1:5005` (a Rasa server started with --enable-api) it measures the
whole routing of POST /api/v1/triage and of the chat: the lexicon, then the model's opinion.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.assistant.normalisation import mots
from portal.assistant.relay import RasaClient
from portal.assistant.second_avis import Routeur, Seuils
from portal.assistant.triage import Triage, analyse, check_urgence, regles_for
from portal.catalogue import Catalogue, load_catalogue
from portal.config import DEFAULTS

ROOT = Path(__file__).resolve().parents[1]
DONNEES = ROOT / "tests" / "data" / "triage"
# Messages one may read, tune the lexicon on and train the model on (bot/data/nlu/
# triage_appris.yml); heldout_h.yml is only measured. Parts E, F and G were held out, measured
# once each, then moved here (README); T1, T2 and T3 were written for training.
REGLAGE = ("dev.yml", "dev_ancien_heldout.yml", "dev_c.yml", "dev_d.yml", "dev_e.yml", "dev_f.yml",
           "dev_g.yml", "dev_t1.yml", "dev_t2.yml", "dev_t3.yml")
HELDOUT = "heldout_h.yml"
SEUILS = Seuils(sujet=float(DEFAULTS["RASA_URGENCE_SEUIL_SUJET"]),  # type: ignore[arg-type]
                inconnu=float(DEFAULTS["RASA_URGENCE_SEUIL_INCONNU"]),  # type: ignore[arg-type]
                confirmation=float(DEFAULTS["RASA_URGENCE_SEUIL_CONFIRMATION"]))  # type: ignore[arg-type]

Trier = Callable[[str], Triage]


@dataclass(frozen=True)
class Cas:
    texte: str
    urgence: str | None
    topic: str


@dataclass
class Mesures:
    urgences: int = 0
    detectees: int = 0
    bon_type: int = 0
    non_urgences: int = 0
    fausses_alertes: int = 0
    bon_topic: int = 0
    manques: list[tuple[Cas, Triage]] = field(default_factory=list)
    par_type: dict[str, list[int]] = field(default_factory=dict)  # type → [détectés, total]

    @property
    def rappel(self) -> float:
        return self.detectees / self.urgences

    @property
    def taux_fausses_alertes(self) -> float:
        return self.fausses_alertes / self.non_urgences

    @property
    def precision_type(self) -> float:
        return self.bon_type / self.detectees if self.detectees else 0.0

    @property
    def precision_topic(self) -> float:
        return self.bon_topic / self.non_urgences

    def as_json(self) -> dict[str, object]:
        return {
            "messages_urgence": self.urgences,
            "messages_sans_urgence": self.non_urgences,
            "rappel_urgence": round(self.rappel, 4),
            "fausses_alertes": round(self.taux_fausses_alertes, 4),
            "type_urgence_exact": round(self.precision_type, 4),
            "topic_exact_sans_urgence": round(self.precision_topic, 4),
            "rappel_par_type": {u: round(d / n, 4) for u, (d, n) in self.par_type.items()},
        }


def lire_cas(path: Path) -> list[Cas]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cas = [
        Cas(str(texte), urgence, "urgence")
        for urgence, textes in data["urgences"].items()
        for texte in textes
    ]
    cas += [Cas(str(texte), None, topic) for topic, textes in data["topics"].items()
            for texte in textes]
    return cas


def lire_reglage() -> list[Cas]:
    return [cas for nom in REGLAGE for cas in lire_cas(DONNEES / nom)]


def _cle(texte: str) -> str:
    return " ".join(mots(texte))


def textes_appris() -> set[str]:
    """Every message the lexicon was tuned on or the model trained on, normalised."""
    appris = {_cle(c.texte) for c in lire_reglage()}
    for path in (ROOT / "bot" / "data" / "nlu").glob("*.yml"):
        for bloc in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for ligne in str(bloc.get("examples") or "").splitlines():
                if ligne.strip().startswith("- "):
                    appris.add(_cle(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", ligne.strip()[2:])))
    return appris


def cas_nouveaux(cas: list[Cas]) -> list[Cas]:
    """The messages of a held-out part that no tuning or training file holds too (written
    blind, a part meets them only by chance: "bonjour", "je veux mourir")."""
    appris = textes_appris()
    return [un for un in cas if _cle(un.texte) not in appris]


def routeur_reel(catalogue: Catalogue, rasa_url: str, token: str | None = None) -> Trier:
    """The routing of the portal with a real Rasa server (generous timeout: a measure, not a
    speed test; a message Rasa does not answer would fall back to the lexicon alone)."""
    routeur = Routeur(catalogue, SEUILS, RasaClient(rasa_url, timeout=10.0, token=token))
    return lambda texte: routeur.trier(texte, "fr")


def evaluer(cas: list[Cas], catalogue: Catalogue, trier: Trier | None = None) -> Mesures:
    mesures = Mesures()
    for un in cas:
        if trier is None:
            triage = check_urgence(un.texte, catalogue=catalogue, langue="fr")
        else:
            triage = trier(un.texte)
        if un.urgence:
            mesures.urgences += 1
            mesures.detectees += triage.urgence is not None
            compte = mesures.par_type.setdefault(un.urgence, [0, 0])
            compte[0] += triage.urgence is not None
            compte[1] += 1
            mesures.bon_type += triage.urgence == un.urgence
            if triage.urgence != un.urgence:
                mesures.manques.append((un, triage))
        else:
            mesures.non_urgences += 1
            mesures.fausses_alertes += triage.urgence is not None
            mesures.bon_topic += triage.topic == un.topic
            if triage.topic != un.topic:
                mesures.manques.append((un, triage))
    return mesures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("fichiers", nargs="*", default=[str(DONNEES / "dev.yml")])
    parser.add_argument("--rasa", help="URL of a Rasa server started with --enable-api")
    parser.add_argument("--silencieux", action="store_true", help="figures only")
    args = parser.parse_args()
    catalogue = load_catalogue(ROOT / "content")
    trier = routeur_reel(catalogue, args.rasa) if args.rasa else None
    cas = [un for fichier in args.fichiers for un in lire_cas(Path(fichier))]
    mesures = evaluer(cas, catalogue, trier)
    regles = regles_for(catalogue)
    for un, triage in [] if args.silencieux else mesures.manques:
        attendu = un.urgence or un.topic
        obtenu = triage.urgence or triage.topic
        trouves = sorted({f"{o.patron.role}:{o.patron.cible}:{o.patron.expression}"
                          for o in analyse(un.texte, regles)})
        print(f"[{attendu} ≠ {obtenu} {triage.intent} {triage.confidence}] {un.texte}\n"
              f"    {trouves}")
    print(json.dumps(mesures.as_json(), indent=2))


if __name__ == "__main__":
    main()
