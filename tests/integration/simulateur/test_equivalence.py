"""Random valid households (seeded): the engine, alone or batched, equals the naive call."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from portal.simulateur.moteur.echantillon import random_household
from portal.simulateur.moteur.engine import Engine
from portal.simulateur.moteur.openfisca_adapter import (
    VARIABLES_NATIONALES,
    build_situation,
    calculate_naive,
    locate,
    periode_of,
    read_value,
)
from tests.integration.simulateur.test_golden import assert_same

SEED = 20260115
TODAY = date(2026, 1, 15)
MOIS = "2026-01"


@pytest.fixture(scope="module")
def foyers() -> list[Any]:
    rng = random.Random(SEED)
    return [random_household(rng, MOIS, TODAY) for _ in range(20)]


@pytest.fixture(scope="module")
def naives(foyers: list[Any], tbs: Any) -> list[dict[str, Any]]:
    return [calculate_naive(tbs, foyer) for foyer in foyers]


def test_engine_one_by_one(foyers: list[Any], naives: list[Any], engine: Engine) -> None:
    for foyer, naive in zip(foyers, naives, strict=True):
        assert_same(engine.simulate_one(foyer), naive, 0.01)


def test_engine_batched(foyers: list[Any], naives: list[Any], engine: Engine) -> None:
    for resultat, naive in zip(engine.simulate(foyers), naives, strict=True):
        assert_same(resultat, naive, 0.01)


def test_stating_absent_incomes_changes_nothing(foyers: list[Any], tbs: Any) -> None:
    """The adapter states unasked incomes as zero to skip formulas: same values as leaving
    them to OpenFisca."""
    from openfisca_core.simulation_builder import SimulationBuilder

    for foyer in foyers[:2]:
        valeurs = []
        for absents in (True, False):
            situation = build_situation(foyer, absents=absents)
            simulation = SimulationBuilder().build_from_entities(tbs, situation)
            lecture = locate(simulation, "", len(foyer.adultes))
            valeurs.append(
                {
                    v: read_value(
                        tbs, v, simulation.calculate(v, periode_of(tbs, v, MOIS)), lecture
                    )
                    for v in VARIABLES_NATIONALES
                }
            )
        assert_same(valeurs[0], valeurs[1], 0.0)


def _adulte(naissance: str, taux: float, **montants: float) -> dict[str, Any]:
    return {
        "date_naissance": naissance,
        "activite": "retraite",
        "retraite_brute_mensuelle": 600.0,
        "taux_incapacite": taux,
        **montants,
    }


# Both sides of the age and rate rules of `elagage.py` (AGE_SANS_AAH_PARTIELLE and
# AGE_SANS_ASI are 68: 68 on 2026-01-01 for a birth on 1958-01-01, 67 for 1958-01-02),
# renting so that the housing aid (hence the MVA of the AAH complement) can be positive.
LIMITES = [
    [_adulte("1958-01-01", 60)],
    [_adulte("1958-01-02", 60)],
    [_adulte("1958-01-01", 78.99)],
    [_adulte("1958-01-01", 79)],
    [_adulte("1958-01-01", 80)],
    [_adulte("1958-01-02", 80)],
    [_adulte("1940-06-01", 55, retraite_brute_mensuelle=300.0)],
    [_adulte("1950-01-01", 90), _adulte("1986-05-01", 55, retraite_brute_mensuelle=0.0)],
    [_adulte("1945-01-01", 60), _adulte("1959-03-01", 80, retraite_brute_mensuelle=0.0)],
    [_adulte("1930-01-01", 65), _adulte("1996-01-01", 0, retraite_brute_mensuelle=0.0)],
    # An ASI before the ASPA age: not pruned, alone or beside a person old enough to be.
    [_adulte("1964-06-01", 60)],
    [_adulte("1940-01-01", 70), _adulte("1966-02-01", 55, retraite_brute_mensuelle=400.0)],
]


@pytest.fixture(scope="module")
def limites() -> list[Any]:
    from portal.simulateur.schemas import SimulationRequest

    return [
        SimulationRequest.model_validate(
            {
                "mois": MOIS,
                "commune": "27229",
                "couple": len(adultes) == 2,
                "adultes": adultes,
                "enfants": [],
                "logement": {"statut": "locataire", "loyer_mensuel": 520.0},
            },
            context={"today": TODAY},
        )
        for adultes in LIMITES
    ]


def test_engine_on_both_sides_of_the_age_and_rate_rules(
    limites: list[Any], tbs: Any, engine: Engine
) -> None:
    naives = [calculate_naive(tbs, foyer) for foyer in limites]
    for foyer, naive in zip(limites, naives, strict=True):
        assert_same(engine.simulate_one(foyer), naive, 0.01)
    for resultat, naive in zip(engine.simulate(limites), naives, strict=True):
        assert_same(resultat, naive, 0.01)
