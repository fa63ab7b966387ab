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

from portal.simulateur.moteur.ages import ages_legaux
from portal.simulateur.moteur.openfisca_adapter import TAUX_HANDICAP
from portal.simulateur.schemas import SimulationRequest

# The ages come from OpenFisca's parameters (`ages.py`), read once, never copied here:
# - AGE_SANS_MINIMUM_VIEILLESSE: the ASPA needs aspa.age_min (65), or the legal retirement
#   age (aah.age_legal_retraite, 62 and more) with an incapacity; two years below the lowest
#   retirement age of the window (60) cover rules that read a later month.
# - AGE_LEGAL_RETRAITE_MAX: the AAH for an incapacity below 80 % stops after the legal
#   retirement age (64 since 2023-09: `age <= 64`), so from 65.
# - AGE_MIN_ASPA: the ASI needs not to be eligible to the ASPA, which every person of
#   aspa.age_min (65) is by age. A test checks both on every month the simulator may read.
MARGE_MINIMUM_VIEILLESSE = 2
# The incapacity rate, the `handicap` flag and the AAH "restriction substantielle" are stated
# on the declared months only (January of N-2 to the simulated month: at most 2 years and 11
# months back); any other month has their defaults (0, False, False). So a condition on the
# age that holds on the simulated month minus 3 years holds on every month they are stated.
ANNEES_DECLAREES = 3


def ages_des_regles() -> dict[str, int]:
    """The ages of the rules below, from the parameters (`AGE_*` names of this module)."""
    ages = ages_legaux()
    return {
        "AGE_SANS_MINIMUM_VIEILLESSE": ages.retraite_min - MARGE_MINIMUM_VIEILLESSE,
        "AGE_LEGAL_RETRAITE_MAX": ages.retraite_max,
        "AGE_MIN_ASPA": ages.aspa,
        "AGE_SANS_AAH_PARTIELLE": ages.retraite_max + 1 + ANNEES_DECLAREES,
        "AGE_SANS_ASI": ages.aspa + ANNEES_DECLAREES,
    }


def __getattr__(nom: str) -> int:
    """`elagage.AGE_SANS_ASI` and the others, read when first asked for (PEP 562)."""
    ages = ages_des_regles()
    if nom in ages:
        return ages[nom]
    raise AttributeError(nom)
# eligibilite_caah and the full-rate AAH need taux_incapacite >= 0.8
# (aah.taux_capacite.taux_incapacite), compared in float32: one point of margin below 80 %.
TAUX_SOUS_80 = 79


def _age(naissance: date, mois: str) -> int:
    annee, numero = int(mois[:4]), int(mois[5:7])
    return annee - naissance.year - ((numero, 1) < (naissance.month, naissance.day))


def _sans_handicap(requete: SimulationRequest) -> bool:
    return all(adulte.taux_incapacite < TAUX_HANDICAP for adulte in requete.adultes)


def _tous_jeunes(requete: SimulationRequest) -> bool:
    return all(
        _age(adulte.date_naissance, requete.mois)
        < ages_des_regles()["AGE_SANS_MINIMUM_VIEILLESSE"]
        for adulte in requete.adultes
    )


def _sans_gir(requete: SimulationRequest) -> bool:
    return all(adulte.gir is None for adulte in requete.adultes)


def _sans_aah(requete: SimulationRequest) -> bool:
    """No adult can get the AAH: below 50 %, or below 80 % and past the retirement age."""
    age_sans_aah = ages_des_regles()["AGE_SANS_AAH_PARTIELLE"]
    return all(
        adulte.taux_incapacite < TAUX_HANDICAP
        or (
            adulte.taux_incapacite < TAUX_SOUS_80
            and _age(adulte.date_naissance, requete.mois) >= age_sans_aah
        )
        for adulte in requete.adultes
    )


def _sans_caah(requete: SimulationRequest) -> bool:
    return all(adulte.taux_incapacite < TAUX_SOUS_80 for adulte in requete.adultes)


def _sans_asi(requete: SimulationRequest) -> bool:
    """No adult can get the ASI: no `handicap`, or old enough for the ASPA."""
    age_sans_asi = ages_des_regles()["AGE_SANS_ASI"]
    return all(
        adulte.taux_incapacite < TAUX_HANDICAP
        or _age(adulte.date_naissance, requete.mois) >= age_sans_asi
        for adulte in requete.adultes
    )


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
    # aah_eligible is (taux_incapacite >= 0.8) + (taux_incapacite >= 0.5) * rsdae
    # * (age <= aah.age_legal_retraite), times conditions of age, and aah_base multiplies by
    # it (both formulas), aah by aah_base. Between 50 and 79 %, an adult aged
    # AGE_SANS_AAH_PARTIELLE on the simulated month is past 64 on every month his rate is
    # stated, and his rate is 0 on the others (children: never stated).
    Elagage("sans_aah", _sans_aah, frozenset({"aah"})),
    # caah is mva * eligibilite_caah, and eligibilite_caah multiplies by
    # (taux_incapacite >= 0.8): below 80 % on every month, no complement.
    Elagage("sans_caah", _sans_caah, frozenset({"caah"})),
    # asi (both formulas) pays only a demandeur or conjoint whose asi_eligibilite is True:
    # not_(aspa_eligibilite) * asi_aspa_condition_nationalite * (handicap * retraite
    # + pensions_invalidite > 0). pensions_invalidite is never set (0); `handicap` is False
    # below 50 % and on every month not declared; aspa_eligibilite is (age >= 65 or …)
    # * asi_aspa_condition_nationalite, so at 65 either the ASPA is open or the nationality
    # condition closes the ASI too. AGE_SANS_ASI on the simulated month is 65 on every
    # declared month.
    Elagage("sans_asi", _sans_asi, frozenset({"asi"})),
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
