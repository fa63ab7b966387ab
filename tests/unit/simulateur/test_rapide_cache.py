"""The cache paths of `rapide.py` (reading a value already computed, ADD, the purge after a
spiral) against openfisca-core's own behaviour, on a small legislation with a spiral built
here (no OpenFisca-France run)."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pytest
from openfisca_core import entities, periods, taxbenefitsystems, variables
from openfisca_core.periods import Period
from openfisca_core.populations import ADD
from openfisca_core.simulation_builder import SimulationBuilder

from portal.simulateur.moteur.rapide import accelerate, purger

MOIS = "2026-03"
ANNEE = "2026"

Personne = entities.build_entity(key="personne", plural="personnes", label="", is_person=True)
Foyer = entities.build_entity(
    key="foyer",
    plural="foyers",
    label="",
    roles=[{"key": "parent", "plural": "parents"}, {"key": "enfant", "plural": "enfants"}],
)


class salaire(variables.Variable):
    value_type = float
    entity = Personne
    definition_period = periods.DateUnit.MONTH


class heures(variables.Variable):
    value_type = int
    entity = Personne
    definition_period = periods.DateUnit.MONTH


class naissance(variables.Variable):
    value_type = int
    entity = Personne
    definition_period = periods.DateUnit.ETERNITY
    default_value = 1980


class ressources(variables.Variable):
    # Asks for `aide` of the month before, which asks for `ressources` again: a spiral.
    value_type = float
    entity = Personne
    definition_period = periods.DateUnit.MONTH

    def formula(personne: Any, period: Any) -> Any:
        return personne("salaire", period) + 0.5 * personne("aide", period.last_month)


class aide(variables.Variable):
    value_type = float
    entity = Personne
    definition_period = periods.DateUnit.MONTH

    def formula(personne: Any, period: Any) -> Any:
        return np.maximum(0, 900 - personne("ressources", period))


class eligible(variables.Variable):
    value_type = bool
    entity = Personne
    definition_period = periods.DateUnit.MONTH

    def formula(personne: Any, period: Any) -> Any:
        return personne("aide", period) > 100


class salaire_net(variables.Variable):
    value_type = float
    entity = Personne
    definition_period = periods.DateUnit.MONTH

    def formula(personne: Any, period: Any) -> Any:
        return personne("salaire", period) * 0.78


class aide_annuelle(variables.Variable):
    value_type = float
    entity = Personne
    definition_period = periods.DateUnit.YEAR

    def formula(personne: Any, period: Any) -> Any:
        return personne("aide", period, options=[ADD])


class aide_foyer(variables.Variable):
    value_type = float
    entity = Foyer
    definition_period = periods.DateUnit.MONTH

    def formula(foyer: Any, period: Any) -> Any:
        return foyer.sum(foyer.members("aide", period)) + foyer.sum(
            foyer.members("eligible", period, options=[ADD])
        )


TBS = taxbenefitsystems.TaxBenefitSystem([Personne, Foyer])
for _variable in (
    salaire,
    heures,
    naissance,
    ressources,
    aide,
    eligible,
    salaire_net,
    aide_annuelle,
    aide_foyer,
):
    TBS.add_variable(_variable)

SITUATION = {
    "personnes": {
        "a": {"salaire": {MOIS: 300.25, "2026-01": 1200}, "heures": {MOIS: 35, "2026-02": 20}},
        "b": {"salaire": {MOIS: 0, "2026-02": 650.5}, "heures": {MOIS: 0}},
        "c": {},
    },
    "foyers": {"f": {"parents": ["a", "b"], "enfants": ["c"]}},
}

# Top-level requests, in order, as a formula-free caller (the engine) makes them.
DEMANDES = [
    ("aide_foyer", MOIS),
    ("aide_annuelle", ANNEE),
    ("eligible", "2026-05"),
    ("ressources", MOIS),
    ("aide", "2026-02"),
    ("naissance", MOIS),
    ("salaire_net", MOIS),
    ("salaire_net", MOIS),
]


def _simulation(rapide: bool) -> Any:
    simulation = SimulationBuilder().build_from_entities(TBS, copy.deepcopy(SITUATION))
    return accelerate(simulation) if rapide else simulation


def _identiques(a: Any, b: Any) -> bool:
    return (
        type(a) is type(b)
        and a.dtype == b.dtype
        and a.shape == b.shape
        and bool(np.array_equal(a, b))
    )


def _contenu(simulation: Any) -> dict[str, list[tuple[Period, Any]]]:
    """Every stored array, holder by holder, in the order of its dict."""
    return {
        nom: list(holder._memory_storage._arrays.items())
        for population in simulation.populations.values()
        for nom, holder in population._holders.items()
    }


def _memes_contenus(rapide: Any, plain: Any) -> None:
    attendu, obtenu = _contenu(plain), _contenu(rapide)
    assert obtenu.keys() == attendu.keys()
    for nom, paires in attendu.items():
        assert [p for p, _ in obtenu[nom]] == [p for p, _ in paires], nom
        for (_, tableau), (_, attendu_tableau) in zip(obtenu[nom], paires, strict=True):
            assert _identiques(tableau, attendu_tableau), nom


def journal_des_invalidations(simulation: Any) -> list[tuple[str, Any, int]]:
    """What this simulation invalidates, in order, with the depth of the stack then
    (recorded around openfisca-core's own method)."""
    journal: list[tuple[str, Any, int]] = []
    invalidate = simulation.invalidate_cache_entry

    def invalidate_enregistre(variable: str, period: Any) -> None:
        journal.append((variable, period, len(simulation.tracer.stack)))
        invalidate(variable, period)

    simulation.invalidate_cache_entry = invalidate_enregistre
    return journal


def test_spirals_give_openfisca_values_invalidations_and_cache() -> None:
    plain, rapide = _simulation(False), _simulation(True)
    journal_plain = journal_des_invalidations(plain)
    journal_rapide = journal_des_invalidations(rapide)
    for nom, periode in DEMANDES:
        assert _identiques(rapide.calculate(nom, periode), plain.calculate(nom, periode)), nom
        # After each request, the same arrays left, in the same order, the same pending set.
        _memes_contenus(rapide, plain)
        assert rapide.invalidated_caches == plain.invalidated_caches == set()
    assert journal_plain  # the legislation does spiral
    assert journal_rapide == journal_plain


def test_add_adds_as_openfisca_does() -> None:
    plain, rapide = _simulation(False), _simulation(True)
    for nom in ("salaire", "heures", "eligible", "aide"):
        # The first ADD goes through openfisca-core, the next ones through the short path:
        # partly computed, then fully computed years.
        for _ in range(2):
            attendu = plain.calculate_add(nom, ANNEE)
            obtenu = rapide.calculate_add(nom, ANNEE)
            assert _identiques(obtenu, attendu), nom
    with pytest.raises(ValueError, match="naissance"):  # openfisca-core's check, kept
        rapide.calculate_add("naissance", ANNEE)


def test_a_cached_value_is_the_stored_array_and_follows_a_replaced_dict() -> None:
    rapide = _simulation(True)
    personnes = rapide.persons
    periode = periods.period(MOIS)
    premier = personnes("salaire_net", periode)  # no spiral: it stays in the cache
    holder = rapide.get_holder("salaire_net")
    assert personnes("salaire_net", periode) is premier is holder._memory_storage._arrays[periode]
    # openfisca-core's own delete replaces the dict: the next call sees the new one.
    ancien = holder._memory_storage._arrays
    holder.delete_arrays(periode)
    assert holder._memory_storage._arrays is not ancien
    nouveau = personnes("salaire_net", periode)
    assert nouveau is not premier and _identiques(nouveau, premier)
    assert holder._memory_storage._arrays[periode] is nouveau


def _rempli(simulation: Any) -> None:
    for nom in ("aide_annuelle", "aide_foyer", "eligible", "salaire_net"):
        simulation.calculate(nom, ANNEE if nom == "aide_annuelle" else MOIS)
    simulation.calculate("naissance", MOIS)


@pytest.mark.parametrize(
    "invalides",
    [
        [("aide", MOIS)],
        [("aide", ANNEE), ("ressources", "2026-02")],  # a year removes its months
        [("aide", "2025"), ("salaire", MOIS), ("aide_annuelle", ANNEE)],
        [("naissance", MOIS)],  # eternal: everything goes
        [("aide_foyer", "2027-01"), ("heures", "2026-04")],  # nothing stored there
    ],
)
def test_purge_removes_what_openfisca_removes(invalides: list[tuple[str, str]]) -> None:
    plain, rapide = _simulation(False), _simulation(False)
    _rempli(plain)
    _rempli(rapide)
    _memes_contenus(rapide, plain)
    for simulation in (plain, rapide):
        for nom, periode in invalides:
            simulation.invalidate_cache_entry(nom, periods.period(periode))
    plain.purge_cache_of_invalid_values()
    purger(rapide, rapide.get_holder)
    _memes_contenus(rapide, plain)
    assert rapide.invalidated_caches == plain.invalidated_caches == set()
