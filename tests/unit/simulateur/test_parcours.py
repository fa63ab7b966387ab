"""The question flow: which steps apply (as a table), and the body the answers make."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from portal.simulateur.parcours import (
    ETAPES,
    PAR_ID,
    build_corps,
    etapes_actives,
    position,
    precedente,
    premiere_sans_reponse,
    suivante,
)
from portal.simulateur.schemas import SimulationRequest

MOIS = "2026-11"
SEUL: dict[str, Any] = {
    "mois": MOIS, "commune": "27229", "naissance": "1985-04-02", "activite": "inactif",
    "handicap": "non", "couple": "non", "enfants": 0, "logement": "proprietaire",
    "sejour": "francaise_ue",
}
BASE = [
    "commune", "naissance", "activite", "handicap", "couple", "enfants", "logement", "epargne",
    "sejour",
]


def _ids(reponses: dict[str, Any]) -> list[str]:
    return [e.id for e in etapes_actives(reponses)]


@pytest.mark.parametrize(
    ("changement", "en_plus", "absentes"),
    [
        ({}, [], ["salaire", "taux_incapacite", "autonomie", "loyer", "enfants_naissances"]),
        ({"activite": "salarie"}, ["salaire"], ["chomage", "retraite"]),
        ({"activite": "chomeur"}, ["chomage"], ["salaire", "retraite"]),
        ({"activite": "retraite"}, ["retraite"], ["salaire", "chomage", "grossesse"]),
        ({"activite": "independant"}, [], ["salaire", "chomage", "retraite"]),
        # GIR only from 60 (age on the first day of the simulated month)
        ({"naissance": "1966-11-01"}, ["autonomie"], ["grossesse"]),
        ({"naissance": "1966-11-02"}, ["grossesse"], ["autonomie"]),
        # pregnancy only of a person alone (it opens or raises her RSA)
        ({}, ["grossesse"], []),
        ({"couple": "oui"}, [], ["grossesse"]),
        # incapacity only after "yes" to handicap
        ({"handicap": "oui"}, ["taux_incapacite"], []),
        # children's dates only with children
        ({"enfants": 2}, ["enfants_naissances"], []),
        # custody and a recent separation only of a parent alone; the separation only when
        # the youngest is 3 or more (below, OpenFisca-France already counts the raise)
        ({"enfants": 2}, ["garde_alternee", "separation"], []),
        ({"enfants": 0}, [], ["garde_alternee", "separation"]),
        ({"couple": "oui", "enfants": 2}, [], ["garde_alternee", "separation"]),
        ({"enfants": 2, "enfants_naissances": ["2016-01-01", "2023-11-01"]},
         ["garde_alternee", "separation"], []),
        ({"enfants": 2, "enfants_naissances": ["2016-01-01", "2023-11-02"]},
         ["garde_alternee"], ["separation"]),
        # rent and social housing only for tenants
        ({"logement": "locataire"}, ["loyer", "logement_social"], []),
        ({"logement": "heberge"}, [], ["loyer", "logement_social"]),
        # the partner's questions only in a couple
        ({"couple": "oui"}, ["conjoint_naissance", "conjoint_activite", "conjoint_handicap"],
         ["conjoint_salaire", "conjoint_taux_incapacite"]),
        ({"couple": "oui", "conjoint_handicap": "oui"}, ["conjoint_taux_incapacite"], []),
        ({"couple": "oui", "conjoint_handicap": "non"}, [], ["conjoint_taux_incapacite"]),
        ({"couple": "non", "conjoint_handicap": "oui"}, [], ["conjoint_taux_incapacite"]),
        ({"couple": "oui", "conjoint_activite": "salarie"}, ["conjoint_salaire"], []),
        ({"couple": "non", "conjoint_activite": "salarie"}, [], ["conjoint_salaire"]),
        ({"couple": "oui", "conjoint_naissance": "1950-01-01"}, ["conjoint_autonomie"], []),
        ({"couple": "non", "conjoint_naissance": "1950-01-01"}, [], ["conjoint_autonomie"]),
    ],
)
def test_steps_that_apply(
    changement: dict[str, Any], en_plus: list[str], absentes: list[str]
) -> None:
    ids = _ids({**SEUL, **changement})
    assert set(BASE + en_plus) <= set(ids)
    assert not set(absentes) & set(ids)
    assert ids == [e.id for e in ETAPES if e.id in ids]  # order kept


def test_before_any_answer_only_unconditional_steps() -> None:
    assert _ids({"mois": MOIS}) == BASE


def test_simple_household_is_short() -> None:
    # 10: savings (asked of all) and pregnancy (of a person alone) make the law's conditions
    # questions instead of silent guesses (issue #18, item 2).
    assert len(_ids(SEUL)) <= 10


def test_progress_and_navigation() -> None:
    reponses = {**SEUL, "logement": "locataire"}
    assert position(PAR_ID["commune"], reponses) == (1, 12)
    assert suivante(PAR_ID["handicap"], reponses) == PAR_ID["couple"]  # no rate, no GIR
    assert precedente(PAR_ID["couple"], reponses) == PAR_ID["handicap"]
    assert suivante(PAR_ID["logement_social"], reponses) == PAR_ID["epargne"]
    assert suivante(PAR_ID["epargne"], reponses) == PAR_ID["sejour"]
    assert suivante(PAR_ID["sejour"], reponses) is None  # then the results
    assert premiere_sans_reponse(reponses) == PAR_ID["grossesse"]
    assert premiere_sans_reponse({**reponses, "grossesse": "non"}) == PAR_ID["loyer"]


def test_body_is_valid_for_the_shared_schema() -> None:
    reponses = {
        **SEUL, "activite": "salarie", "salaire": 1200.5, "logement": "locataire",
        "loyer": 500.0, "logement_social": "oui", "enfants": 1,
        "enfants_naissances": ["2019-09-01"],
    }
    requete = SimulationRequest.parse(
        build_corps(reponses), communes={"27229"}, today=date(2026, 11, 23)
    )
    assert requete.adultes[0].salaire_net_mensuel == 1200.5
    assert requete.logement.loyer_mensuel == 500
    assert requete.logement.logement_social is True
    assert [e.date_naissance for e in requete.enfants] == [date(2019, 9, 1)]


def test_the_law_s_conditions_reach_the_body() -> None:
    reponses = {
        **SEUL, "enfants": 1, "enfants_naissances": ["2015-01-01"], "garde_alternee": "oui",
        "separation": "non", "grossesse": "oui", "epargne": "oui",
    }
    requete = SimulationRequest.parse(
        build_corps(reponses), communes={"27229"}, today=date(2026, 11, 23)
    )
    assert (requete.garde_alternee, requete.separation_recente, requete.epargne) == (
        True, False, True
    )
    assert requete.adultes[0].enceinte is True
    # a couple is not asked: an answer left from before is not sent
    corps = build_corps({**reponses, "couple": "oui"})
    assert "garde_alternee" not in corps and "enceinte" not in corps["adultes"][0]
    assert corps["epargne"] is True


def test_answers_of_skipped_steps_are_not_sent() -> None:
    """A rent typed before going back to say "propriétaire" is left out."""
    corps = build_corps({**SEUL, "loyer": 800.0, "salaire": 2000.0, "taux_incapacite": "80_plus",
                         "couple": "non", "conjoint_naissance": "1980-01-01"})
    assert "loyer_mensuel" not in corps["logement"]
    assert "salaire_net_mensuel" not in corps["adultes"][0]
    assert "taux_incapacite" not in corps["adultes"][0]
    assert len(corps["adultes"]) == 1


@pytest.mark.parametrize(
    ("reponse", "gir"), [("jamais", 6), ("parfois", 5), ("souvent", 1)]
)
def test_help_needed_becomes_a_gir(reponse: str, gir: int) -> None:
    corps = build_corps({**SEUL, "naissance": "1950-01-01", "autonomie": reponse})
    assert corps["adultes"][0]["gir"] == gir


@pytest.mark.parametrize(
    ("tranche", "taux"), [("80_plus", 80), ("50_79", 50), ("moins_50", 0), ("ne_sait_pas", 0)]
)
def test_incapacity_bracket_becomes_a_rate(tranche: str, taux: int) -> None:
    corps = build_corps({**SEUL, "handicap": "oui", "taux_incapacite": tranche})
    assert corps["adultes"][0]["taux_incapacite"] == taux


def test_the_partners_incapacity_goes_to_the_second_adult() -> None:
    corps = build_corps({**SEUL, "couple": "oui", "conjoint_naissance": "1980-01-01",
                         "conjoint_activite": "inactif", "conjoint_handicap": "oui",
                         "conjoint_taux_incapacite": "80_plus"})
    assert corps["adultes"][1]["taux_incapacite"] == 80
    assert "taux_incapacite" not in corps["adultes"][0]


def test_missing_answers_are_left_out() -> None:
    assert build_corps({"mois": MOIS}) == {"mois": MOIS, "adultes": [{}], "enfants": []}
