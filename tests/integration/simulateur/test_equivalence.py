"""Random valid households (seeded): the engine, alone or batched, equals the naive call."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from portal.simulateur.echantillon import random_household
from portal.simulateur.engine import Engine
from portal.simulateur.openfisca_adapter import (
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
