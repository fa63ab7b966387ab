"""Figures of the triage on a file of labelled messages (tests/data/triage/*.yml).

`python -m mesures.evaluation tests/data/triage/dev.yml` prints the figures and
every miss with the expressions found: the tool to tune the lexicon on the tuning files
(dev*.yml), never on heldout_h.yml.
With `--rasa http://127.0.0.1:5005` (a Rasa server started with --enable-api) it measures the
whole routing of POST /api/v1/triage and of the chat: the lexicon, then the model's opinion;
with `--rasa-reel` it starts the real Rasa itself (bot/.venv, bot/models/bot.tar.gz).
Every figure comes with its size and a 95 % confidence interval (Wilson), per kind of message
(emergency type, topic, form: long, English or Arabic); `--objectifs` exits 1 when a target
of the issue is missed: the gate of `make bot-test` (bot/bot.mk).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
# triage_appris.yml); the HELDOUTS are only measured. Parts E, F, G, J and K were held out,
# measured once each, then moved here (README); T1 to T10 were written for training, I (issue
# 16) blind for tuning and training; L to O (issue 16) were held out, measured once on
# 07/12, then moved here; T12 to T20 (issue 16) were written for training by authors who saw
# neither the lexicon nor the model's data (tests/data/triage/ETIQUETTES.md only), and
# measured once before it (README).
REGLAGE = ("dev.yml", "dev_ancien_heldout.yml", "dev_c.yml", "dev_d.yml", "dev_e.yml", "dev_f.yml",
           "dev_g.yml", "dev_t1.yml", "dev_t2.yml", "dev_t3.yml", "dev_t4.yml", "dev_i.yml",
           "dev_j.yml", "dev_t5.yml", "dev_t6.yml", "dev_k.yml", "dev_t7.yml",
           "dev_t8.yml", "dev_t9.yml", "dev_l.yml", "dev_t10.yml",
           "dev_t11.yml", "dev_m.yml", "dev_t12.yml", "dev_t13.yml", "dev_t14.yml",
           "dev_t15.yml", "dev_t16.yml", "dev_n.yml", "dev_t17.yml", "dev_t18.yml", "dev_o.yml",
           "dev_t19.yml", "dev_t20.yml")
# Parts measured once and never tuned on: H (issue 6), then P (issue 16), the newest, which
# `make bot-test` gates on (`--heldout`). P is written blind elsewhere and put here by the lead
# for its one measure: `python -m mesures.evaluation --rasa-reel --heldout heldout_p.yml`.
# K (06/12: 96.4 %, 4.6 %, 81.5 %), L (07/12: 99.1 %, 7.9 %, 78.2 %), M (07/12: 92.7 %,
# 6.1 %, 77.1 %), N (07/12: 97.3 %, 2.3 %, 89.8 %) and O (07/12: 96.4 %, 3.7 %, 88.4 %) are
# now tuning parts.
HELDOUT_H = "heldout_h.yml"
HELDOUT = "heldout_p.yml"
HELDOUTS = tuple(dict.fromkeys((HELDOUT_H, HELDOUT)))
SEUILS = Seuils(sujet=float(DEFAULTS["RASA_URGENCE_SEUIL_SUJET"]),  # type: ignore[arg-type]
                inconnu=float(DEFAULTS["RASA_URGENCE_SEUIL_INCONNU"]),  # type: ignore[arg-type]
                confirmation=float(DEFAULTS["RASA_URGENCE_SEUIL_CONFIRMATION"]))  # type: ignore[arg-type]

Trier = Callable[[str], Triage]
RAPPEL_MIN = 0.98
FAUSSES_ALERTES_MAX = 0.05
TOPIC_MIN = 0.85
LONG = 25  # words: a long message (a story rather than a question)
_ARABE = re.compile(r"[\u0600-\u06ff]")
_ANGLAIS = re.compile(r"\b(?:the|my|is|are|and|i|i'm|please|help|you|what|how)\b", re.I)


def wilson(succes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % confidence interval of a proportion (Wilson score): with 55 emergencies,
    one miss is 1.8 points, and the interval says how far the true rate may be."""
    if total == 0:
        return 0.0, 0.0
    p = succes / total
    centre = p + z * z / (2 * total)
    marge = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    diviseur = 1 + z * z / total
    return max(0.0, (centre - marge) / diviseur), min(1.0, (centre + marge) / diviseur)


def taux(succes: int, total: int) -> dict[str, object]:
    bas, haut = wilson(succes, total)
    return {"n": total, "k": succes, "taux": round(succes / total, 4) if total else None,
            "ic95": [round(bas, 4), round(haut, 4)]}


def forme(texte: str) -> str:
    """The kind of writing: Arabic, English, a long story, or a short message."""
    if _ARABE.search(texte):
        return "arabe"
    if len(_ANGLAIS.findall(texte)) >= 2:
        return "anglais"
    return "long" if len(mots(texte)) >= LONG else "court"


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
    # Alerts said plainly ("Appelez tout de suite"), not as an unsure alert ("Si quelqu'un est
    # en danger maintenant…"): every alert counts in `fausses_alertes`, these are the worst.
    fausses_alertes_affirmees: int = 0
    urgences_incertaines: int = 0
    bon_topic: int = 0
    # Reported beside the target, never instead of it: the right topic is among what the reply
    # offers (the first topic, or the second one when the chat offers both, and a human).
    bon_topic_propose: int = 0
    manques: list[tuple[Cas, Triage]] = field(default_factory=list)
    par_type: dict[str, list[int]] = field(default_factory=dict)  # type → [détectés, total]
    par_topic: dict[str, list[int]] = field(default_factory=dict)  # topic → [justes, total]
    # form → [emergencies detected, emergencies, false alarms, messages without]
    par_forme: dict[str, list[int]] = field(default_factory=dict)

    @property
    def rappel(self) -> float:
        # A part without emergencies (T6) has none to miss, nor messages without to alarm.
        return self.detectees / self.urgences if self.urgences else 1.0

    @property
    def taux_fausses_alertes(self) -> float:
        return self.fausses_alertes / self.non_urgences if self.non_urgences else 0.0

    @property
    def precision_type(self) -> float:
        return self.bon_type / self.detectees if self.detectees else 0.0

    @property
    def precision_topic(self) -> float:
        return self.bon_topic / self.non_urgences if self.non_urgences else 1.0

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

    def detail(self) -> dict[str, object]:
        """Each figure with its size and 95 % interval, overall and per kind of message."""
        return {
            "rappel": taux(self.detectees, self.urgences),
            "fausses_alertes": taux(self.fausses_alertes, self.non_urgences),
            "fausses_alertes_affirmees": taux(self.fausses_alertes_affirmees, self.non_urgences),
            "urgences_dites_incertaines": taux(self.urgences_incertaines, self.urgences),
            "topic": taux(self.bon_topic, self.non_urgences),
            "topic_parmi_les_propositions": taux(self.bon_topic_propose, self.non_urgences),
            "type_exact": taux(self.bon_type, self.urgences),
            "rappel_par_type": {u: taux(d, n) for u, (d, n) in sorted(self.par_type.items())},
            "topic_par_topic": {t: taux(j, n) for t, (j, n) in sorted(self.par_topic.items())},
            "par_forme": {
                f: {"rappel": taux(d, u), "fausses_alertes": taux(a, n)}
                for f, (d, u, a, n) in sorted(self.par_forme.items())
            },
        }

    def echecs(self) -> list[str]:
        """The targets of issues 6 and 16 this measure misses."""
        problemes = []
        if self.rappel < RAPPEL_MIN:
            problemes.append(f"rappel des urgences {self.rappel:.1%} < {RAPPEL_MIN:.0%}")
        if self.taux_fausses_alertes > FAUSSES_ALERTES_MAX:
            problemes.append(f"fausses alertes {self.taux_fausses_alertes:.1%} > "
                             f"{FAUSSES_ALERTES_MAX:.0%}")
        if self.precision_topic < TOPIC_MIN:
            problemes.append(f"sujets justes {self.precision_topic:.1%} < {TOPIC_MIN:.0%}")
        return problemes


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


def partie(nom: str) -> Path:
    """A part named by its file name (in tests/data/triage/) or by its path."""
    chemin = Path(nom)
    return chemin if chemin.exists() or chemin.parent != Path() else DONNEES / nom


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
        par_forme = mesures.par_forme.setdefault(forme(un.texte), [0, 0, 0, 0])
        if un.urgence:
            par_forme[0] += triage.urgence is not None
            par_forme[1] += 1
            mesures.urgences += 1
            mesures.urgences_incertaines += triage.urgence is not None and triage.incertaine
            mesures.detectees += triage.urgence is not None
            compte = mesures.par_type.setdefault(un.urgence, [0, 0])
            compte[0] += triage.urgence is not None
            compte[1] += 1
            mesures.bon_type += triage.urgence == un.urgence
            if triage.urgence != un.urgence:
                mesures.manques.append((un, triage))
        else:
            par_forme[2] += triage.urgence is not None
            par_forme[3] += 1
            mesures.non_urgences += 1
            mesures.fausses_alertes += triage.urgence is not None
            affirmee = triage.urgence is not None and not triage.incertaine
            mesures.fausses_alertes_affirmees += affirmee
            mesures.bon_topic += triage.topic == un.topic
            mesures.bon_topic_propose += un.topic in {triage.topic, triage.second_topic}
            compte = mesures.par_topic.setdefault(un.topic, [0, 0])
            compte[0] += triage.topic == un.topic
            compte[1] += 1
            if triage.topic != un.topic:
                mesures.manques.append((un, triage))
    return mesures


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("fichiers", nargs="*", default=[str(DONNEES / "dev.yml")])
    parser.add_argument("--rasa", help="URL of a Rasa server started with --enable-api")
    parser.add_argument("--rasa-jeton", type=Path, help="file holding the Rasa server's token")
    parser.add_argument("--rasa-reel", action="store_true",
                        help="start the real Rasa (bot/.venv, trained model) for the measure")
    parser.add_argument("--heldout", nargs="?", const=HELDOUT, metavar="FICHIER",
                        help=f"measure a held-out part by its name in {DONNEES.name}/ (default: "
                        f"the newest, {HELDOUT}), only its lines no tuning file holds")
    parser.add_argument("--nouveaux", action="store_true",
                        help="leave out the lines the tuning or training files hold too")
    parser.add_argument("--objectifs", action="store_true",
                        help="exit 1 when a target is missed (recall, false alarms, topic)")
    parser.add_argument("--rapport", type=Path, help="write the figures (JSON) there")
    parser.add_argument("--silencieux", action="store_true", help="figures only")
    parser.add_argument("--markdown", action="store_true",
                        help="also print the per-kind table of each part (README)")
    args = parser.parse_args()
    if args.heldout:
        if not partie(args.heldout).exists():
            parser.error(f"{partie(args.heldout)} absente : la partie tenue à l'écart se pose "
                         f"dans {DONNEES} avant sa mesure")
        args.fichiers, args.nouveaux = [str(partie(args.heldout))], True
    return args


def _afficher_manques(mesures: Mesures, catalogue: Catalogue) -> None:
    regles = regles_for(catalogue)
    for un, triage in mesures.manques:
        attendu = un.urgence or un.topic
        obtenu = triage.urgence or triage.topic
        trouves = sorted({f"{o.patron.role}:{o.patron.cible}:{o.patron.expression}"
                          for o in analyse(un.texte, regles)})
        print(f"[{attendu} ≠ {obtenu} {triage.intent} {triage.confidence}] {un.texte}\n"
              f"    {trouves}")


def _ligne(nom: str, figure: dict[str, object]) -> str:
    bas, haut = figure["ic95"]  # type: ignore[misc]
    valeur = figure["taux"]
    texte = "—" if valeur is None else f"{valeur:.1%}"
    return f"{nom:<28} {texte:>6} ({figure['k']}/{figure['n']}, IC95 {bas:.1%}–{haut:.1%})"


def resume(detail: dict[str, Any]) -> str:
    """The figures as lines to read (and to copy into the README)."""
    lignes = [_ligne(nom, detail[nom]) for nom in ("rappel", "fausses_alertes", "topic",
                                                   "fausses_alertes_affirmees",
                                                   "urgences_dites_incertaines")]
    lignes += [_ligne(f"  rappel {u}", f) for u, f in detail["rappel_par_type"].items()]
    lignes += [_ligne(f"  topic {t}", f) for t, f in detail["topic_par_topic"].items()]
    for nom, figures in detail["par_forme"].items():
        lignes += [_ligne(f"  {nom} : {quoi}", f) for quoi, f in figures.items() if f["n"]]
    return "\n".join(lignes)


def _cellule(figure: dict[str, Any]) -> str:
    bas, haut = figure["ic95"]
    taux_ = "—" if figure["taux"] is None else f"{figure['taux']:.1%}"
    texte = f"{taux_} ({figure['k']}/{figure['n']} ; IC95 {bas:.1%}–{haut:.1%})"
    return texte.replace(".", ",").replace("%", " %")


def tableau(nom: str, detail: dict[str, Any]) -> str:
    """The per-kind table of a part, in Markdown, as the README gives it."""
    lignes = [f"| {nom} | {quoi} | {_cellule(detail[cle])} |" for quoi, cle in (
        ("rappel des urgences", "rappel"), ("fausses alertes", "fausses_alertes"),
        ("sujet juste", "topic"))]
    lignes += [f"| {nom} | rappel {u} | {_cellule(f)} |"
               for u, f in detail["rappel_par_type"].items()]
    for forme_, figures in detail["par_forme"].items():
        lignes += [f"| {nom} | {forme_} : {quoi.replace('_', ' ')} | {_cellule(f)} |"
                   for quoi, f in figures.items() if f["n"]]
    lignes += [f"| {nom} | sujet {t} | {_cellule(f)} |"
               for t, f in detail["topic_par_topic"].items()]
    return "\n".join(lignes)


def mesurer(args: argparse.Namespace, catalogue: Catalogue, trier: Trier | None) -> int:
    rapport: dict[str, object] = {}
    problemes: list[str] = []
    for fichier in args.fichiers:
        cas = lire_cas(Path(fichier))
        mesures = evaluer(cas_nouveaux(cas) if args.nouveaux else cas, catalogue, trier)
        if not args.silencieux:
            _afficher_manques(mesures, catalogue)
        rapport[Path(fichier).name] = {**mesures.as_json(), "detail": mesures.detail()}
        print(f"== {Path(fichier).name}\n{resume(mesures.detail())}")
        if args.markdown:
            print(tableau(Path(fichier).stem, mesures.detail()))
        problemes += [f"{Path(fichier).name} : {p}" for p in mesures.echecs()]
    if args.rapport:
        args.rapport.parent.mkdir(parents=True, exist_ok=True)
        args.rapport.write_text(json.dumps(rapport, indent=2, ensure_ascii=False) + "\n",
                                encoding="utf-8")
    for probleme in problemes:
        print(f"ÉCHEC : {probleme}")
    return 1 if args.objectifs and problemes else 0


def main() -> int:
    args = _arguments()
    catalogue = load_catalogue(ROOT / "content")
    if args.rasa_reel:
        from mesures.rasa_reel import rasa_reel

        with tempfile.TemporaryDirectory() as dossier, rasa_reel(
            Path(dossier), portail_url="http://127.0.0.1:9", service_token="mesure"
        ) as reel:
            return mesurer(args, catalogue, routeur_reel(catalogue, reel.url, reel.token))
    jeton = args.rasa_jeton.read_text(encoding="utf-8").strip() if args.rasa_jeton else None
    trier = routeur_reel(catalogue, args.rasa, jeton) if args.rasa else None
    return mesurer(args, catalogue, trier)


if __name__ == "__main__":
    sys.exit(main())
