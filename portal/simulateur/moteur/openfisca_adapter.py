"""From a validated request to an OpenFisca-France situation, and back to one value per aid.

The situation built here is the single source of truth: the fast engine and the naive
reference call (`calculate_naive`, used by the tests and the benchmark) compute the very same
dict, so "identical results" means identical arithmetic on identical inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from portal.simulateur.moteur.construction import Morceaux
from portal.simulateur.schemas import Activite, SimulationRequest, StatutLogement

# The variables the engine computes, by OpenFisca name. Content files point at these
# (`openfisca.variable`, `openfisca.non_calculable`); a test keeps both lists in step.
VARIABLES_NATIONALES: tuple[str, ...] = (
    "rsa",
    "ppa",
    "aide_logement",
    "aide_logement_non_calculable",
    "af",
    "cf",
    "asf",
    "ars",
    "aah",
    "aspa",
    "asi",
    "cmu_c",
    "css_participation_forfaitaire",
    "apa_domicile",
)

# Net → gross, as aides-jeunes does (backend/lib/openfisca/mapping/individu/ressources.ts):
# people know their net pay; OpenFisca reads gross amounts for some rules.
RATIO_SALAIRE_NET_BRUT = 0.78
TAUX_CSG_CRDS_NON_DEDUCTIBLE = 0.029
ASSIETTE_CSG = 0.9825
CHOMAGE_PRELEVEMENTS = (0.062 + 0.005) * 0.9825 + 0.028

# The APA plan is capped by the legal ceiling of the person's GIR; any larger plan gives that
# ceiling, so the amount shown is the most the APA can pay ("jusqu'à").
PLAN_AIDE_SANS_PLAFOND = 1_000_000.0

# Incomes are declared once ("the same each month"). They are applied from January of N-2
# (the year the tax-based rules read) to the simulated month; before that, zero is stated
# explicitly for ZERO_YEARS more years: it is what OpenFisca would compute for a person with
# no pay, and stating it spares computing empty payslips for past years.
ZERO_YEARS = 3

# Incomes the simulator does not ask about are stated as zero over the whole window, for the
# individus and the foyer fiscal: it is what OpenFisca computes from their (empty) sources,
# and stating it skips those formulas. A test checks both situations give the same values.
REVENUS_ABSENTS_INDIVIDU = (
    "revenus_capital",
    "revenus_locatifs",
    "indemnites_journalieres",
    "rpns_auto_entrepreneur_CA_achat_revente",
    "rpns_auto_entrepreneur_CA_bic",
    "rpns_auto_entrepreneur_CA_bnc",
    "rpns_auto_entrepreneur_benefice",
)
REVENUS_ABSENTS_FOYER = (
    "revenus_capitaux_prelevement_liberatoire",
    "revenus_capitaux_prelevement_forfaitaire_unique_ir",
    "revenus_capitaux_prelevement_bareme",
    "rente_viagere_titre_onereux",
)

ACTIVITES = {
    Activite.salarie: "actif",
    Activite.independant: "actif",
    Activite.chomeur: "chomeur",
    Activite.etudiant: "etudiant",
    Activite.retraite: "retraite",
    Activite.inactif: "inactif",
}
TAUX_HANDICAP = 50  # % — recognised disability, as the MDPH states it


def statut_occupation(logement: Any) -> str:
    if logement.statut == StatutLogement.locataire:
        return "locataire_hlm" if logement.logement_social else "locataire_vide"
    return {
        StatutLogement.proprietaire: "proprietaire",
        StatutLogement.heberge: "loge_gratuitement",
        StatutLogement.sans_domicile: "sans_domicile",
    }[logement.statut]


def _month_offset(mois: str, delta: int) -> str:
    annee, numero = (int(part) for part in mois.split("-"))
    index = annee * 12 + numero - 1 + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def mois_declares(mois: str) -> list[str]:
    """January of N-2 up to the simulated month, oldest first."""
    numero = int(mois[5:7])
    return [_month_offset(mois, -k) for k in range(24 + numero - 1, -1, -1)]


def mois_a_zero(mois: str) -> list[str]:
    premier = mois_declares(mois)[0]
    return [_month_offset(premier, -k) for k in range(12 * ZERO_YEARS, 0, -1)]


def _each(periodes: Sequence[str], value: Any) -> Morceaux:
    return Morceaux((periodes, value))


def _revenus(
    adulte: Any, declares: Sequence[str], zeros: Sequence[str]
) -> dict[str, dict[str, float]]:
    salaire = adulte.salaire_net_mensuel
    chomage = adulte.chomage_net_mensuel
    montants = {
        "salaire_net": salaire,
        "salaire_de_base": salaire / RATIO_SALAIRE_NET_BRUT,
        "salaire_imposable": salaire
        + TAUX_CSG_CRDS_NON_DEDUCTIBLE * ASSIETTE_CSG * salaire / RATIO_SALAIRE_NET_BRUT,
        "chomage_net": chomage,
        "chomage_brut": chomage / (1 - CHOMAGE_PRELEVEMENTS),
        "retraite_brute": adulte.retraite_brute_mensuelle,
    }
    revenus = {
        variable: Morceaux((zeros, 0.0), (declares, montant))
        for variable, montant in montants.items()
    }
    # No income at all in those months: the taxable amounts are zero too.
    for variable in ("chomage_imposable", "retraite_imposable", "retraite_nette"):
        revenus[variable] = _each(zeros, 0.0)
    return revenus


def _absents(variables: Iterable[str], periodes: Sequence[str]) -> dict[str, dict[str, float]]:
    return {variable: _each(periodes, 0.0) for variable in variables}


def _adulte(adulte: Any, declares: Sequence[str], zeros: Sequence[str]) -> dict[str, Any]:
    individu: dict[str, Any] = {
        "date_naissance": {"ETERNITY": adulte.date_naissance.isoformat()},
        "activite": _each(declares, ACTIVITES[adulte.activite]),
        "taux_incapacite": _each(declares, adulte.taux_incapacite / 100),
        "handicap": _each(declares, adulte.taux_incapacite >= TAUX_HANDICAP),
        # From 50 to 79 %, the AAH also needs the MDPH to recognise a "restriction substantielle
        # et durable d'accès à l'emploi": assumed here, and the aid is then "à vérifier".
        "aah_restriction_substantielle_durable_acces_emploi": _each(
            declares, adulte.taux_incapacite >= TAUX_HANDICAP
        ),
        **_revenus(adulte, declares, zeros),
    }
    if adulte.gir is not None:
        individu["gir"] = _each(declares, f"gir_{adulte.gir}")
        individu["dependance_plan_aide_domicile"] = _each(declares, PLAN_AIDE_SANS_PLAFOND)
    return individu


def build_situation(
    requete: SimulationRequest, prefix: str = "", *, absents: bool = True
) -> dict[str, Any]:
    """One household as OpenFisca entities; `prefix` keeps ids unique in a batch.

    `absents=False` leaves the incomes not asked about unstated (for the test showing that
    stating them as zero changes nothing)."""
    # Tuples: every run of the household shares them (see construction.Morceaux).
    declares = tuple(mois_declares(requete.mois))
    zeros = tuple(mois_a_zero(requete.mois))
    fenetre = zeros + declares if absents else ()
    individus: dict[str, Any] = {}
    parents: list[str] = []
    for i, adulte in enumerate(requete.adultes, start=1):
        individu = {
            **_adulte(adulte, declares, zeros),
            **_absents(REVENUS_ABSENTS_INDIVIDU, fenetre),
        }
        if requete.couple:
            individu["statut_marital"] = _each(declares, "marie")
        individus[f"{prefix}adulte{i}"] = individu
        parents.append(f"{prefix}adulte{i}")
    enfants: list[str] = []
    for i, enfant in enumerate(requete.enfants, start=1):
        individus[f"{prefix}enfant{i}"] = {
            "date_naissance": {"ETERNITY": enfant.date_naissance.isoformat()}
        }
        enfants.append(f"{prefix}enfant{i}")
    logement = requete.logement
    menage = {
        "personne_de_reference": parents[:1],
        "conjoint": parents[1:],
        "enfants": enfants,
        "depcom": _each(declares, requete.commune),
        "statut_occupation_logement": _each(declares, statut_occupation(logement)),
        "loyer": _each(declares, logement.loyer_mensuel),
        "logement_conventionne": _each(declares, logement.logement_social),
    }
    return {
        "individus": individus,
        "familles": {f"{prefix}famille": {"parents": parents, "enfants": enfants}},
        "foyers_fiscaux": {
            f"{prefix}foyer": {
                "declarants": parents,
                "personnes_a_charge": enfants,
                **_absents(REVENUS_ABSENTS_FOYER, fenetre),
            }
        },
        "menages": {f"{prefix}menage": menage},
    }


def merge_situations(situations: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Several households (with distinct prefixes) as one vectorised situation."""
    merged: dict[str, dict[str, Any]] = {
        "individus": {},
        "familles": {},
        "foyers_fiscaux": {},
        "menages": {},
    }
    for situation in situations:
        for entites, items in situation.items():
            merged[entites].update(items)
    return merged


@dataclass(frozen=True)
class Lecture:
    """Where one household sits in a computed simulation."""

    famille: int
    menage: int
    foyer: int
    adultes: tuple[int, ...]


def locate(simulation: Any, prefix: str, nb_adultes: int) -> Lecture:
    def index(entite: str, ident: str) -> int:
        ids = simulation.populations[entite].ids
        return int(np.flatnonzero(np.asarray(ids) == ident)[0])

    return Lecture(
        famille=index("famille", f"{prefix}famille"),
        menage=index("menage", f"{prefix}menage"),
        foyer=index("foyer_fiscal", f"{prefix}foyer"),
        adultes=tuple(index("individu", f"{prefix}adulte{i}") for i in range(1, nb_adultes + 1)),
    )


def periode_of(tbs: Any, variable: str, mois: str) -> str:
    unit = str(tbs.variables[variable].definition_period)
    return mois[:4] if unit.endswith("year") else mois


def read_value(tbs: Any, variable: str, array: Any, lecture: Lecture) -> float | bool | str:
    """The household's value: its family's (or ménage's…), or the sum over its adults."""
    definition = tbs.variables[variable]
    entite = definition.entity.key
    if entite == "individu":
        values = [array[i] for i in lecture.adultes]
        if definition.value_type is bool:
            return bool(any(values))
        return float(sum(float(v) for v in values))
    position = {"famille": lecture.famille, "menage": lecture.menage}.get(entite, lecture.foyer)
    if hasattr(array, "decode_to_str"):  # OpenFisca enum
        return str(array.decode_to_str()[position])
    value = array[position]
    if definition.value_type is bool:
        return bool(value)
    return float(value)


def calculate_naive(
    tbs: Any, requete: SimulationRequest, variables: Sequence[str] = VARIABLES_NATIONALES
) -> dict[str, float | bool | str]:
    """The reference: a plain OpenFisca call, as its documentation shows, with no shortcut.

    One fresh simulation for the household, then `calculate` for each aid (OpenFisca's own
    in-simulation cache is part of a plain call). The order of `variables` is part of the
    reference: OpenFisca-France's spirals make a few aids depend on what was computed before
    them (tests/integration/simulateur/test_ordre.py).
    """
    from openfisca_core.simulation_builder import SimulationBuilder

    simulation = SimulationBuilder().build_from_entities(tbs, build_situation(requete))
    lecture = locate(simulation, "", len(requete.adultes))
    resultats: dict[str, float | bool | str] = {}
    for variable in variables:
        array = simulation.calculate(variable, periode_of(tbs, variable, requete.mois))
        resultats[variable] = read_value(tbs, variable, array, lecture)
    return resultats
