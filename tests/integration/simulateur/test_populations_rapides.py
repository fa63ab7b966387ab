"""The population primitives of the short path (`populations_rapides.py`: roles, projections,
projectors, cast of a formula's result) and its cache paths (`rapide.py`: values already
computed, ADD, the purge after a spiral) inside OpenFisca-France: for random households, alone
and in a batch, the accelerated simulation stores exactly the arrays a plain one stores, and
spirals invalidate the same values at the same moments."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import numpy as np
import pytest
from openfisca_core.simulation_builder import SimulationBuilder

from portal.simulateur.moteur.construction import FastSimulationBuilder
from portal.simulateur.moteur.echantillon import random_household
from portal.simulateur.moteur.engine import Engine
from portal.simulateur.moteur.openfisca_adapter import (
    VARIABLES_NATIONALES,
    build_situation,
    merge_situations,
    periode_of,
)
from portal.simulateur.moteur.rapide import accelerate
from tests.unit.simulateur.test_rapide_cache import journal_des_invalidations

TODAY = date(2026, 1, 15)
MOIS = "2026-01"

_rng = random.Random(424242)
SEULS = [random_household(_rng, MOIS, TODAY) for _ in range(12)]
_rng = random.Random(424243)
LOT = [random_household(_rng, MOIS, TODAY) for _ in range(20)]


def _situation(foyers: list[Any]) -> dict[str, Any]:
    return merge_situations([build_situation(f, f"h{i}_") for i, f in enumerate(foyers)])


def _cache(simulation: Any, tbs: Any) -> dict[tuple[str, Any], Any]:
    for variable in VARIABLES_NATIONALES:
        simulation.calculate(variable, periode_of(tbs, variable, MOIS))
    return {
        (nom, periode): tableau
        for population in simulation.populations.values()
        for nom, holder in population._holders.items()
        for periode, tableau in holder._memory_storage._arrays.items()
    }


def _compare(rapide: dict[tuple[str, Any], Any], plain: dict[tuple[str, Any], Any]) -> None:
    for cle, tableau in rapide.items():
        attendu = plain[cle]
        assert type(tableau) is type(attendu), cle
        assert tableau.dtype == attendu.dtype and tableau.shape == attendu.shape, cle
        assert np.array_equal(tableau, attendu), cle


@pytest.mark.parametrize("numero", range(len(SEULS)))
def test_one_household_stores_what_openfisca_stores(numero: int, engine: Engine, tbs: Any) -> None:
    situation = _situation([SEULS[numero]])
    plain = _cache(SimulationBuilder().build_from_entities(tbs, situation), tbs)
    simulation = accelerate(
        FastSimulationBuilder().build_from_entities(tbs, _situation([SEULS[numero]])),
        constantes=engine.constantes,
    )
    rapide = _cache(simulation, tbs)
    assert len(rapide) > 500
    _compare(rapide, plain)


@pytest.mark.parametrize("avec_constantes", [False, True], ids=["rapide", "constantes"])
def test_a_batch_stores_what_openfisca_stores(
    avec_constantes: bool, engine: Engine, tbs: Any
) -> None:
    plain = _cache(SimulationBuilder().build_from_entities(tbs, _situation(LOT)), tbs)
    simulation = accelerate(
        FastSimulationBuilder().build_from_entities(tbs, _situation(LOT)),
        constantes=engine.constantes if avec_constantes else None,
    )
    rapide = _cache(simulation, tbs)
    _compare(rapide, plain)
    if not avec_constantes:
        assert rapide.keys() == plain.keys()
    # The primitives were used: masks and unique-role plans were kept.
    assert simulation.persons._masques
    assert any(p.__dict__.get("_uniques") for p in simulation.populations.values())


@pytest.mark.parametrize("foyers", [[SEULS[3]], [SEULS[0]], LOT], ids=["idx3", "idx0", "lot"])
def test_spirals_purge_what_openfisca_purges(foyers: list[Any], tbs: Any) -> None:
    plain = SimulationBuilder().build_from_entities(tbs, _situation(foyers))
    simulation = accelerate(FastSimulationBuilder().build_from_entities(tbs, _situation(foyers)))
    journal_plain = journal_des_invalidations(plain)
    journal_rapide = journal_des_invalidations(simulation)
    _compare(_cache(simulation, tbs), _cache(plain, tbs))
    assert len(journal_plain) > 100  # OpenFisca-France spirals a lot
    assert journal_rapide == journal_plain
    assert simulation.invalidated_caches == plain.invalidated_caches == set()
    # The same periods left in each holder, in the same order (what the purge removed).
    for nom, population in plain.populations.items():
        for variable, holder in population._holders.items():
            attendu = list(holder._memory_storage._arrays)
            obtenu = list(simulation.populations[nom]._holders[variable]._memory_storage._arrays)
            assert obtenu == attendu, variable
