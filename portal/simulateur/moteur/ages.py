"""The legal ages behind the simulator's rules, read from OpenFisca-France's parameters instead
of being copied into the code.

`ages_legaux()` reads the three parameter files once (the engine does it at warm-up; the
question flow may ask first) over every month the simulator may read: from January six years
back (the declared resources) to December two years ahead. A later version of openfisca-france
that moves an age moves the rules with it.
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from openfisca_core.parameters import load_parameter_file

# Where the simulator may read: the same window as tests/integration/simulateur.
ANNEES_AVANT, ANNEES_APRES = 6, 2
PARAMETRES = {
    # aah_eligible (below 80 %) and the early ASPA: `age <= aah.age_legal_retraite`.
    "retraite": "prestations_sociales/prestations_etat_de_sante/invalidite/aah/"
    "age_legal_retraite.yaml",
    # aspa_eligibilite: `age >= aspa.age_min`.
    "aspa": "prestations_sociales/solidarite_insertion/minimum_vieillesse/aspa/age_min.yaml",
    # The APA opens at this age (Art. R232-19 du CASF): the GIR question is asked from it.
    "apa": "prestations_sociales/prestations_etat_de_sante/perte_autonomie_personnes_agees/"
    "apa_institution/condition_age.yaml",
}


@dataclass(frozen=True)
class AgesLegaux:
    retraite_min: int  # the lowest legal retirement age of the window (rounded down)
    retraite_max: int  # the highest (rounded up)
    aspa: int  # the highest ASPA age
    apa: int  # the lowest APA age: the question goes to everyone who may get it


def _dossier() -> Path:
    spec = importlib.util.find_spec("openfisca_france")  # its files, without importing it
    if spec is None or spec.origin is None:
        raise RuntimeError("openfisca-france n'est pas installé")
    return Path(spec.origin).parent / "parameters"


def _valeurs(parametre: Any, annee: int) -> list[float]:
    return [
        float(parametre(f"{an}-{mois:02d}-01"))
        for an in range(annee - ANNEES_AVANT, annee + ANNEES_APRES + 1)
        for mois in range(1, 13)
    ]


@cache
def _lire(annee: int) -> AgesLegaux:
    valeurs = {
        nom: _valeurs(load_parameter_file(str(_dossier() / chemin), name=nom), annee)
        for nom, chemin in PARAMETRES.items()
    }
    return AgesLegaux(
        retraite_min=math.floor(min(valeurs["retraite"])),
        retraite_max=math.ceil(max(valeurs["retraite"])),
        aspa=math.ceil(max(valeurs["aspa"])),
        apa=math.floor(min(valeurs["apa"])),
    )


def ages_legaux(aujourd_hui: date | None = None) -> AgesLegaux:
    """The ages for the months the simulator may read around `aujourd_hui` (today)."""
    return _lire((aujourd_hui or date.today()).year)
