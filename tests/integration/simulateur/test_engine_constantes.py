"""The engine's shortcuts inside a simulation: the constant nodes (`constantes.py`) and the
short path through openfisca-core (`rapide.py`) store exactly what a plain simulation stores."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import numpy as np
import pytest
from openfisca_core import periods
from openfisca_core.simulation_builder import SimulationBuilder

from portal.simulateur.moteur.constantes import (
    Constantes,
    analyse,
    constants,
    noms_entrees,
    observer,
)
from portal.simulateur.moteur.construction import FastSimulationBuilder
from portal.simulateur.moteur.echantillon import random_household, warmup_households
from portal.simulateur.moteur.engine import Engine
from portal.simulateur.moteur.openfisca_adapter import (
    VARIABLES_NATIONALES,
    build_situation,
    merge_situations,
    periode_of,
)
from portal.simulateur.moteur.rapide import accelerate

TODAY = date(2026, 1, 15)
MOIS = "2026-01"


@pytest.fixture(scope="module")
def foyers() -> list[Any]:
    rng = random.Random(7_2026)
    return [random_household(rng, MOIS, TODAY) for _ in range(10)]


def _situation(foyers: list[Any]) -> dict[str, Any]:
    return merge_situations([build_situation(f, f"h{i}_") for i, f in enumerate(foyers)])


def _calcule(simulation: Any, tbs: Any) -> Any:
    for variable in VARIABLES_NATIONALES:
        simulation.calculate(variable, periode_of(tbs, variable, MOIS))
    return simulation


def _cache(simulation: Any) -> dict[tuple[str, Any], np.ndarray]:
    """Every array a simulation holds, by (variable, period)."""
    return {
        (nom, periode): np.asarray(tableau)
        for population in simulation.populations.values()
        for nom, holder in population._holders.items()
        for periode, tableau in holder._memory_storage._arrays.items()
    }


def _egaux(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and bool(np.array_equal(a, b))


@pytest.fixture(scope="module")
def plain(foyers: list[Any], tbs: Any) -> dict[tuple[str, Any], np.ndarray]:
    return _cache(_calcule(SimulationBuilder().build_from_entities(tbs, _situation(foyers)), tbs))


def test_every_input_the_simulator_can_set_is_known() -> None:
    """The constant nodes exclude the inputs found in the warm-up households: every name any
    household can set must be among them."""
    connues = noms_entrees(build_situation(f) for f in warmup_households(TODAY))
    rng = random.Random(11)
    for _ in range(200):
        assert noms_entrees([build_situation(random_household(rng, MOIS, TODAY))]) <= connues


def test_inputs_and_structure_are_never_constant(engine: Engine, tbs: Any) -> None:
    simulation = FastSimulationBuilder().build_from_entities(
        tbs, _situation(warmup_households(TODAY))
    )
    entrees = noms_entrees(build_situation(f) for f in warmup_households(TODAY))
    enregistreur = observer(simulation, entrees)
    _calcule(simulation, tbs)
    trouves = constants(enregistreur)
    assert len(trouves) > 1000
    calcules = set(enregistreur.enfants).union(*enregistreur.enfants.values())
    # age reads date_naissance through its holder, nb_parents and af_nbenf count members,
    # rsa reads incomes, the others are inputs.
    for variable in ("age", "nb_parents", "af_nbenf", "rsa", "salaire_net", "depcom"):
        noeud = (variable, periods.period(MOIS))
        assert noeud in calcules or variable in entrees, variable
        assert noeud not in trouves, variable
        assert engine.constantes.get(variable, noeud[1], 1) is None, variable


def test_constant_values_are_what_a_plain_simulation_computes(
    engine: Engine, foyers: list[Any], plain: dict[tuple[str, Any], np.ndarray]
) -> None:
    engine.simulate(foyers)  # analyses this month if it was not yet
    compares = 0
    for (nom, periode), attendu in plain.items():
        valeur = engine.constantes.get(nom, periode, len(attendu))
        if valeur is not None:
            assert _egaux(np.asarray(valeur), attendu), (nom, str(periode))
            compares += 1
    assert compares > 1000


def test_a_fresh_analysis_finds_the_same_values(tbs: Any) -> None:
    """Analysed from other households, the table agrees with itself."""
    entrees = noms_entrees(build_situation(f) for f in warmup_households(TODAY))
    une, autre = Constantes(), Constantes()
    rng = random.Random(3)
    assert analyse(tbs, warmup_households(TODAY), VARIABLES_NATIONALES, entrees, une) > 1000
    autres = [random_household(rng, MOIS, TODAY) for _ in range(6)]
    assert analyse(tbs, autres, VARIABLES_NATIONALES, entrees, autre) > 1000
    communs = une._valeurs.keys() & autre._valeurs.keys()
    assert len(communs) > 1000
    for noeud in communs:
        assert _egaux(np.asarray(une._valeurs[noeud]), np.asarray(autre._valeurs[noeud]))


@pytest.mark.parametrize("avec_constantes", [False, True], ids=["rapide", "constantes"])
def test_short_path_stores_what_openfisca_stores(
    avec_constantes: bool,
    engine: Engine,
    foyers: list[Any],
    tbs: Any,
    plain: dict[tuple[str, Any], np.ndarray],
) -> None:
    """Every array of the accelerated simulation (spirals included) is the plain one; without
    the constant table, it holds exactly the same (variable, period) pairs."""
    constantes = engine.constantes if avec_constantes else None
    simulation = accelerate(
        FastSimulationBuilder().build_from_entities(tbs, _situation(foyers)),
        constantes=constantes,
    )
    rapide = _cache(_calcule(simulation, tbs))
    for cle, tableau in rapide.items():
        assert cle in plain, cle
        assert _egaux(tableau, plain[cle]), cle
    if not avec_constantes:
        assert rapide.keys() == plain.keys()
