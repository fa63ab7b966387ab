"""Figures of the triage on a file of labelled messages (tests/data/triage/*.yml).

`python -m tests.unit.assistant.evaluation tests/data/triage/dev.yml` prints the figures and
every miss with the expressions found: the tool to tune the lexicon on dev.yml, never on
heldout.yml.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.assistant.triage import Triage, analyse, check_urgence, regles_for
from portal.catalogue import Catalogue, load_catalogue

ROOT = Path(__file__).resolve().parents[3]
DONNEES = ROOT / "tests" / "data" / "triage"


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


def evaluer(cas: list[Cas], catalogue: Catalogue) -> Mesures:
    mesures = Mesures()
    for un in cas:
        triage = check_urgence(un.texte, catalogue=catalogue, langue="fr")
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


def main(path: str) -> None:
    catalogue = load_catalogue(ROOT / "content")
    mesures = evaluer(lire_cas(Path(path)), catalogue)
    regles = regles_for(catalogue)
    for cas, triage in mesures.manques:
        attendu = cas.urgence or cas.topic
        obtenu = triage.urgence or triage.topic
        trouves = sorted({f"{o.patron.role}:{o.patron.cible}:{o.patron.expression}"
                          for o in analyse(cas.texte, regles)})
        print(f"[{attendu} ≠ {obtenu}] {cas.texte}\n    {trouves}")
    print(json.dumps(mesures.as_json(), indent=2))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(DONNEES / "dev.yml"))
