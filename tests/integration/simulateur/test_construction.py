"""The fast builder hands OpenFisca exactly the arrays the plain SimulationBuilder does."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import numpy as np
import pytest
from openfisca_core.errors import SituationParsingError
from openfisca_core.simulation_builder import SimulationBuilder

from portal.simulateur.moteur.construction import FastSimulationBuilder, Morceaux, SituationJetable
from portal.simulateur.moteur.echantillon import random_household
from portal.simulateur.moteur.openfisca_adapter import build_situation, merge_situations

TODAY = date(2026, 1, 15)


def _inputs(simulation: Any, tbs: Any) -> dict[tuple[str, str], np.ndarray]:
    stored = {}
    for name in tbs.variables:
        holder = simulation.get_holder(name)
        for period in holder.get_known_periods():
            stored[(name, str(period))] = np.asarray(holder.get_array(period))
    return stored


@pytest.mark.parametrize("jetable", [False, True], ids=["copiee", "jetable"])
def test_same_entities_and_inputs_as_plain_builder(tbs: Any, jetable: bool) -> None:
    rng = random.Random(7)
    foyers = [random_household(rng, "2026-01", TODAY) for _ in range(6)]

    def situation() -> dict[str, Any]:
        return merge_situations(
            [build_situation(foyer, f"h{i}_") for i, foyer in enumerate(foyers)]
        )

    plain = SimulationBuilder().build_from_entities(tbs, situation())
    # A throw-away situation is handed over without openfisca-core's deep copy.
    fast = FastSimulationBuilder().build_from_entities(
        tbs, SituationJetable(situation()) if jetable else situation()
    )
    for key, population in plain.populations.items():
        other = fast.populations[key]
        assert list(population.ids) == list(other.ids)
        if getattr(population, "members_entity_id", None) is not None:
            assert np.array_equal(population.members_entity_id, other.members_entity_id)
            assert list(population.members_role) == list(other.members_role)
    attendu, obtenu = _inputs(plain, tbs), _inputs(fast, tbs)
    assert attendu.keys() == obtenu.keys()
    assert len(attendu) > 1000  # 72 months of incomes: the check is not vacuous
    for key, array in attendu.items():
        assert array.dtype == obtenu[key].dtype, key
        assert np.array_equal(array, obtenu[key]), key


@pytest.mark.parametrize(
    ("variable", "valeurs"),
    [
        ("salaire_net", {"2026-01": "beaucoup"}),
        ("activite", {"2026-01": "astronaute"}),
        ("salaire_net", {"2026-13": 100}),
        ("variable_inconnue", {"2026-01": 1}),
    ],
)
def test_bad_input_is_refused_like_plain_builder(tbs: Any, variable: str, valeurs: Any) -> None:
    situation = {"individus": {"a": {variable: valeurs}}}
    for builder in (SimulationBuilder(), FastSimulationBuilder()):
        with pytest.raises(SituationParsingError):
            builder.build_from_entities(tbs, situation)


def test_morceaux_is_the_dict_of_its_runs_later_runs_winning() -> None:
    valeurs = Morceaux((("2026-01", "2026-02", "2026-03"), 1.0), (("2026-02",), 2.0))
    assert valeurs == {"2026-01": 1.0, "2026-02": 2.0, "2026-03": 1.0}
    assert valeurs.runs == ((("2026-01", "2026-03"), 1.0), (("2026-02",), 2.0))


def _build_both(tbs: Any, situation: dict[str, Any]) -> tuple[Any, Any]:
    plain = SimulationBuilder().build_from_entities(tbs, situation)
    fast = FastSimulationBuilder().build_from_entities(tbs, situation)
    return plain, fast


@pytest.mark.parametrize(
    "salaires",
    [
        # runs for one person, a plain dict for the other: read value by value
        [Morceaux((("2026-01", "2026-02"), 1000.0)), {"2026-02": 500.0, "2026-03": 700.0}],
        [{"2026-02": 500.0}, Morceaux((("2026-01", "2026-02"), 1000.0), (("2026-02",), 3.0))],
        # runs with different periods for two persons, one value left out (None)
        [Morceaux((("2026-01",), 1.0), (("2026-03",), None)), Morceaux((("2026-03",), 2.0))],
    ],
)
def test_runs_and_plain_values_mixed_give_the_plain_arrays(tbs: Any, salaires: list[Any]) -> None:
    situation = {
        "individus": {
            f"p{i}": {"salaire_net": salaire, "activite": Morceaux((("2026-02",), "chomeur"))}
            for i, salaire in enumerate(salaires)
        }
    }
    plain, fast = _build_both(tbs, situation)
    attendu, obtenu = _inputs(plain, tbs), _inputs(fast, tbs)
    assert attendu.keys() == obtenu.keys()
    assert any(nom == "salaire_net" for nom, _ in attendu)
    for key, array in attendu.items():
        assert array.dtype == obtenu[key].dtype, key
        assert np.array_equal(array, obtenu[key]), key


@pytest.mark.parametrize(
    "valeurs",
    [
        Morceaux((("2026-01",), "beaucoup")),
        Morceaux((("2026-13",), 100.0)),
    ],
)
def test_bad_runs_are_refused_like_plain_values(tbs: Any, valeurs: Morceaux) -> None:
    situation = {"individus": {"a": {"salaire_net": valeurs}}}
    for builder in (SimulationBuilder(), FastSimulationBuilder()):
        with pytest.raises(SituationParsingError):
            builder.build_from_entities(tbs, situation)
