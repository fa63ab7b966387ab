"""The département's own aids: each condition type's evaluator, and how results combine."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import TypeAdapter

from portal.catalogue.schemas.aide import Condition, Statut
from portal.simulateur.conditions import EVALUATEURS, Contexte, evaluate
from portal.simulateur.schemas import SimulationRequest

TEXTE = {"fr": "à voir", "en": "to see", "ar": "للتحقق"}


def _requete(**adulte: Any) -> SimulationRequest:
    data = {
        "mois": "2026-01",
        "commune": "27229",
        "couple": False,
        "adultes": [{"date_naissance": "1950-06-01", "activite": "retraite", **adulte}],
        "enfants": [{"date_naissance": "2015-01-01"}],
        "logement": {"statut": "locataire", "loyer_mensuel": 400},
    }
    return SimulationRequest.model_validate(data, context={"today": date(2026, 1, 15)})


def _condition(data: dict[str, Any]) -> Any:
    return TypeAdapter(Condition).validate_python(data)


CONTEXTE = Contexte(
    requete=_requete(gir=2, taux_incapacite=60, retraite_brute_mensuelle=900), territoire="evreux"
)


@pytest.mark.parametrize(
    ("condition", "attendu"),
    [
        ({"type": "age", "operateur": ">=", "valeur": 60}, True),
        ({"type": "age", "operateur": "<", "valeur": 60}, False),
        ({"type": "gir", "valeurs": [1, 2, 3, 4]}, True),
        ({"type": "gir", "valeurs": [5, 6]}, False),
        ({"type": "taux_incapacite", "operateur": ">=", "valeur": 50}, True),
        ({"type": "taux_incapacite", "operateur": ">=", "valeur": 80}, False),
        (
            {
                "type": "ressources_plafond",
                "montant": 1000,
                "date_effet": "2025-01-01",
                "reference": "https://exemple.fr",
            },
            True,
        ),
        (
            {
                "type": "ressources_plafond",
                "montant": 800,
                "date_effet": "2025-01-01",
                "reference": "https://exemple.fr",
            },
            False,
        ),
        (
            {
                "type": "ressources_plafond",
                "montant": 800,
                "date_effet": "2027-01-01",
                "reference": "https://exemple.fr",
            },
            None,
        ),
        ({"type": "statut_logement", "valeurs": ["locataire", "heberge"]}, True),
        ({"type": "statut_logement", "valeurs": ["proprietaire"]}, False),
        ({"type": "territoire", "valeurs": ["evreux"]}, True),
        ({"type": "territoire", "valeurs": ["vernon"]}, False),
        ({"type": "communes", "valeurs": ["27229"]}, True),
        ({"type": "communes", "valeurs": ["27681"]}, False),
        ({"type": "enfants", "minimum": 1, "age_max": 17}, True),
        ({"type": "enfants", "minimum": 2}, False),
        ({"type": "enfants", "minimum": 1, "age_max": 5}, False),
        ({"type": "texte", "texte": TEXTE}, None),
    ],
)
def test_evaluator(condition: dict[str, Any], attendu: bool | None) -> None:
    parsed = _condition(condition)
    assert EVALUATEURS[parsed.type](parsed, CONTEXTE) is attendu


def test_every_condition_type_has_one_evaluator() -> None:
    types = {m.model_fields["type"].annotation.__args__[0] for m in Condition.__origin__.__args__}
    assert types == set(EVALUATEURS)


@pytest.mark.parametrize(
    ("conditions", "statut"),
    [
        ([{"type": "age", "operateur": ">=", "valeur": 60}], Statut.eligible),
        (
            [{"type": "age", "operateur": ">=", "valeur": 60}, {"type": "texte", "texte": TEXTE}],
            Statut.a_verifier,
        ),
        (
            [{"type": "gir", "valeurs": [5]}, {"type": "texte", "texte": TEXTE}],
            Statut.non_eligible,
        ),
    ],
)
def test_all_conditions_must_hold(conditions: list[dict[str, Any]], statut: Statut) -> None:
    assert evaluate(tuple(_condition(c) for c in conditions), CONTEXTE) == statut
