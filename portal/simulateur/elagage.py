"""Branches of OpenFisca-France that a household provably never needs.

OpenFisca evaluates every branch of a formula for everybody (it is vectorised), so a family
with no disability still computes the AAH, its resources over two years, the housing aid
those resources include, and so on. Each entry below names variables whose value is certainly
their default (0 / False) for the households it applies to, with the reason read in the
openfisca-france 176.1.8 source. The engine then returns that default without running the
formula. The golden households and the randomised equivalence test (engine vs naive call)
guard every entry; a new openfisca-france version must be re-checked against them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from portal.simulateur.openfisca_adapter import TAUX_HANDICAP
from portal.simulateur.schemas import SimulationRequest

# ASPA needs 65, or the legal retirement age (62 and more) with an incapacity; a year's margin
# covers rules that read a later month of the same year.
AGE_SANS_MINIMUM_VIEILLESSE = 60


def _age(naissance: date, mois: str) -> int:
    annee, numero = int(mois[:4]), int(mois[5:7])
    return annee - naissance.year - ((numero, 1) < (naissance.month, naissance.day))


def _sans_handicap(requete: SimulationRequest) -> bool:
    return all(adulte.taux_incapacite < TAUX_HANDICAP for adulte in requete.adultes)


def _tous_jeunes(requete: SimulationRequest) -> bool:
    return all(
        _age(adulte.date_naissance, requete.mois) < AGE_SANS_MINIMUM_VIEILLESSE
        for adulte in requete.adultes
    )


def _sans_gir(requete: SimulationRequest) -> bool:
    return all(adulte.gir is None for adulte in requete.adultes)


def _toujours(requete: SimulationRequest) -> bool:
    return True


@dataclass(frozen=True)
class Elagage:
    nom: str
    applies: Callable[[SimulationRequest], bool]
    variables: frozenset[str]


ELAGAGES: tuple[Elagage, ...] = (
    # ass_eligibilite_individu multiplies by ass_precondition_remplie (5 years of work in the
    # last 10), an input the simulator never asks: it stays False, so the ASS is 0.
    Elagage("ass", _toujours, frozenset({"ass"})),
    # rente_accident_travail is the salaried or the farmer's rente, each `select`ed to 0 when
    # taux_accident_travail is below 0.1 (resp. 0.3). That "taux" is computed from
    # exposition_accident, never asked: its default "faible" gives the cotisation rate
    # accidents.taux.faible, 0.007 (a test checks every month the simulator can read).
    Elagage("rente_accident_travail", _toujours, frozenset({"rente_accident_travail"})),
    # apprenti needs a contract started less than 3 years before the month; its start,
    # apprentissage_contrat_debut, is never asked and stays at its default, 1970-01-01.
    # remuneration_apprenti is a product by apprenti.
    Elagage("apprenti", _toujours, frozenset({"apprenti", "remuneration_apprenti"})),
    # aah_eligible needs an incapacity of at least 50 %; caah and eligibilite_caah need
    # aah > 0 or an ASI; asi_eligibilite needs `handicap` (set from the same 50 %) with a
    # pension, or an invalidity pension (never asked).
    Elagage("sans_handicap", _sans_handicap, frozenset({"aah", "caah", "asi"})),
    # aspa_eligibilite needs 65, or 62 and more with an incapacity (see above).
    Elagage("sans_minimum_vieillesse", _tous_jeunes, frozenset({"aspa"})),
    # apa_eligibilite needs a GIR from 1 to 4; without an answer the GIR is "non défini".
    Elagage("sans_gir", _sans_gir, frozenset({"apa_domicile"})),
)


def neutres_of(requete: SimulationRequest) -> frozenset[str]:
    """Every variable that is certainly at its default for this household."""
    neutres: set[str] = set()
    for elagage in ELAGAGES:
        if elagage.applies(requete):
            neutres |= elagage.variables
    return frozenset(neutres)
