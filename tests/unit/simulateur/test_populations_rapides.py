"""The population primitives of the short path (`populations_rapides.py`) against
openfisca-core's own methods, on a small legislation built here (no OpenFisca-France run)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from openfisca_core import entities, periods, taxbenefitsystems, variables
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.populations import GroupPopulation, Population
from openfisca_core.simulation_builder import SimulationBuilder

from portal.simulateur.moteur.rapide import _cast, accelerate

MOIS = "2026-01"

Personne = entities.build_entity(key="personne", plural="personnes", label="", is_person=True)
Foyer = entities.build_entity(
    key="foyer",
    plural="foyers",
    label="",
    roles=[
        {"key": "parent", "plural": "parents", "subroles": ["demandeur", "conjoint"]},
        {"key": "enfant", "plural": "enfants"},
    ],
)
Logement = entities.build_entity(
    key="logement",
    plural="logements",
    label="",
    roles=[{"key": "titulaire", "max": 1}, {"key": "occupant", "plural": "occupants"}],
)
ROLES = [*Foyer.flattened_roles, Foyer.PARENT, *Logement.flattened_roles]
UNIQUES = [role for role in ROLES if role.max == 1]


class Statut(Enum):
    salarie = "Salarié"
    chomeur = "Chômeur"
    inactif = "Inactif"


class salaire(variables.Variable):
    value_type = float
    entity = Personne
    definition_period = periods.DateUnit.MONTH


class age(variables.Variable):
    value_type = int
    entity = Personne
    definition_period = periods.DateUnit.MONTH


class statut(variables.Variable):
    value_type = Enum
    possible_values = Statut
    default_value = Statut.inactif
    entity = Personne
    definition_period = periods.DateUnit.MONTH


class loyer(variables.Variable):
    value_type = float
    entity = Foyer
    definition_period = periods.DateUnit.MONTH


class actif(variables.Variable):
    value_type = bool
    entity = Personne
    definition_period = periods.DateUnit.MONTH


TBS = taxbenefitsystems.TaxBenefitSystem([Personne, Foyer, Logement])
for _variable in (salaire, age, statut, loyer, actif):
    TBS.add_variable(_variable)


def _personne(salaire: float, age: int, statut: str) -> dict[str, Any]:
    return {
        "salaire": {MOIS: salaire},
        "age": {MOIS: age},
        "statut": {MOIS: statut},
        "actif": {MOIS: statut == "salarie"},
    }


UN_FOYER = {
    "personnes": {
        "a": _personne(1500.5, 40, "salarie"),
        "b": _personne(0, 38, "chomeur"),
        "c": _personne(0, 6, "inactif"),
    },
    "foyers": {"f": {"parents": ["a", "b"], "enfants": ["c"], "loyer": {MOIS: 450}}},
    "logements": {"l": {"titulaire": ["b"], "occupants": ["a", "c"]}},
}

# Several households, members listed out of order, a foyer without demandeur, an empty one.
LOT = {
    "personnes": {
        "a": _personne(1200, 50, "salarie"),
        "b": _personne(800.25, 45, "salarie"),
        "c": _personne(0, 17, "inactif"),
        "d": _personne(300, 70, "chomeur"),
        "e": _personne(0, 3, "inactif"),
        "f": _personne(2000, 33, "salarie"),
        "g": _personne(0, 1, "inactif"),
    },
    "foyers": {
        "f1": {"enfants": ["c"], "parents": ["b", "a"], "loyer": {MOIS: 300}},
        "f2": {"enfants": ["e", "g"], "loyer": {MOIS: 10}},
        "f3": {},
        "f4": {"parents": ["d"], "loyer": {MOIS: 600}},
        "f5": {"parents": ["f"]},
    },
    "logements": {
        "l1": {"occupants": ["a", "b", "c"]},
        "l2": {"titulaire": ["g"], "occupants": ["d", "e"]},
        "l3": {"titulaire": ["f"]},
    },
}

# The same, with the empty foyer last: openfisca-core's value_from_person then raises.
VIDE_A_LA_FIN = copy.deepcopy(LOT)
VIDE_A_LA_FIN["foyers"]["f6"] = {}

SITUATIONS = {"un_foyer": UN_FOYER, "lot": LOT, "vide_a_la_fin": VIDE_A_LA_FIN}


def _simulation(situation: dict[str, Any], rapide: bool) -> Any:
    simulation = SimulationBuilder().build_from_entities(TBS, copy.deepcopy(situation))
    return accelerate(simulation) if rapide else simulation


@pytest.fixture(params=list(SITUATIONS), ids=list(SITUATIONS))
def paire(request: pytest.FixtureRequest) -> tuple[Any, Any]:
    """(plain simulation, accelerated simulation) of the same situation."""
    situation = SITUATIONS[request.param]
    return _simulation(situation, False), _simulation(situation, True)


def _issue(appel: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "valeur", appel()
    except Exception as exc:  # the same error, or the same value
        return "erreur", type(exc)


def _identiques(a: Any, b: Any) -> bool:
    if isinstance(a, tuple):
        return a[0] == b[0] and _identiques(a[1], b[1])
    if not isinstance(a, np.ndarray):
        return a == b
    return (
        type(a) is type(b)
        and a.dtype == b.dtype
        and a.shape == b.shape
        and getattr(a, "possible_values", None) is getattr(b, "possible_values", None)
        and bool(np.array_equal(a, b))
    )


def _tableaux(simulation: Any) -> dict[str, Any]:
    return {nom: simulation.calculate(nom, MOIS) for nom in ("salaire", "age", "statut", "actif")}


def test_only_the_accelerated_simulation_changes(paire: tuple[Any, Any]) -> None:
    plain, rapide = paire
    assert all(type(p) in (Population, GroupPopulation) for p in plain.populations.values())
    assert all(type(p) not in (Population, GroupPopulation) for p in rapide.populations.values())
    assert Population.has_role.__module__.startswith("openfisca_core")
    assert GroupPopulation.value_from_person.__module__.startswith("openfisca_core")


def test_has_role(paire: tuple[Any, Any]) -> None:
    plain, rapide = paire
    for _ in range(2):  # computed, then read from the cache
        for role in ROLES:
            attendu = plain.persons.has_role(role)
            assert _identiques(rapide.persons.has_role(role), attendu), role
            assert _identiques(Population.has_role(rapide.persons, role), attendu), role


def test_has_role_gives_a_fresh_array() -> None:
    rapide = _simulation(LOT, True)
    masque = rapide.persons.has_role(Foyer.ENFANT)
    attendu = masque.copy()
    masque[:] = ~masque
    assert _identiques(rapide.persons.has_role(Foyer.ENFANT), attendu)
    assert rapide.persons.has_role(Foyer.ENFANT) is not rapide.persons.has_role(Foyer.ENFANT)


def test_has_role_with_a_wrong_role_raises_as_openfisca() -> None:
    plain, rapide = _simulation(LOT, False), _simulation(LOT, True)
    for faux in ("enfant", None):
        assert _issue(lambda f=faux: rapide.persons.has_role(f)) == _issue(
            lambda f=faux: plain.persons.has_role(f)
        )


@pytest.mark.parametrize("defaut", [0, -1, 2.5, True])
def test_value_from_person(paire: tuple[Any, Any], defaut: Any) -> None:
    plain, rapide = paire
    valeurs_plain, valeurs_rapide = _tableaux(plain), _tableaux(rapide)
    for _ in range(2):  # the first call builds the plan, the next ones use it
        for role in UNIQUES:
            groupe = role.entity.key
            for nom in valeurs_plain:
                attendu = _issue(
                    lambda g=groupe, n=nom, r=role: plain.populations[g].value_from_person(
                        valeurs_plain[n], r, defaut
                    )
                )
                obtenu = _issue(
                    lambda g=groupe, n=nom, r=role: rapide.populations[g].value_from_person(
                        valeurs_rapide[n], r, defaut
                    )
                )
                assert _identiques(obtenu, attendu), (role, nom, defaut)


def test_value_from_person_of_an_empty_last_group_raises_as_openfisca() -> None:
    plain, rapide = _simulation(VIDE_A_LA_FIN, False), _simulation(VIDE_A_LA_FIN, True)
    salaire_plain = plain.calculate("salaire", MOIS)
    salaire_rapide = rapide.calculate("salaire", MOIS)
    attendu = _issue(
        lambda: plain.populations["foyer"].value_from_person(salaire_plain, Foyer.DEMANDEUR)
    )
    assert attendu[0] == "erreur"
    for _ in range(2):
        assert (
            _issue(
                lambda: rapide.populations["foyer"].value_from_person(
                    salaire_rapide, Foyer.DEMANDEUR
                )
            )
            == attendu
        )


def test_value_from_person_errors_are_openfisca_s() -> None:
    plain, rapide = _simulation(LOT, False), _simulation(LOT, True)
    salaire_plain = plain.calculate("salaire", MOIS)
    salaire_rapide = rapide.calculate("salaire", MOIS)
    foyer_plain, foyer_rapide = plain.populations["foyer"], rapide.populations["foyer"]
    foyer_rapide.value_from_person(salaire_rapide, Foyer.DEMANDEUR)  # the plan exists now
    for args_plain, args_rapide in [
        ((salaire_plain, Foyer.PARENT), (salaire_rapide, Foyer.PARENT)),  # not unique
        ((salaire_plain[:3], Foyer.DEMANDEUR), (salaire_rapide[:3], Foyer.DEMANDEUR)),
        ((list(salaire_plain), Foyer.DEMANDEUR), (list(salaire_rapide), Foyer.DEMANDEUR)),
        ((salaire_plain, "demandeur"), (salaire_rapide, "demandeur")),
    ]:
        attendu = _issue(lambda a=args_plain: foyer_plain.value_from_person(*a))
        assert attendu[0] == "erreur"
        assert _issue(lambda a=args_rapide: foyer_rapide.value_from_person(*a)) == attendu


def test_value_from_person_does_not_share_its_result() -> None:
    rapide = _simulation(LOT, True)
    salaire = rapide.calculate("salaire", MOIS)
    foyer = rapide.populations["foyer"]
    premier = foyer.value_from_person(salaire, Foyer.DEMANDEUR)
    second = foyer.value_from_person(salaire, Foyer.DEMANDEUR)
    assert premier is not second and not np.shares_memory(premier, second)
    assert not np.shares_memory(second, salaire)


def test_projectors(paire: tuple[Any, Any]) -> None:
    """The kept projectors give what openfisca-core's fresh ones give, chained or not."""
    plain, rapide = paire
    appels: list[Callable[[Any], Any]] = [
        lambda s: s.persons.foyer("loyer", MOIS),
        lambda s: s.persons.foyer.demandeur("salaire", MOIS),
        lambda s: s.persons.foyer.conjoint("statut", MOIS),
        lambda s: s.persons.logement.titulaire("age", MOIS),
        lambda s: s.persons.foyer.sum(s.calculate("salaire", MOIS), role=Foyer.PARENT),
        lambda s: s.persons.foyer.any(s.calculate("actif", MOIS)),
        lambda s: s.persons.foyer.nb_persons(Foyer.ENFANT),
        lambda s: s.populations["foyer"].demandeur("age", MOIS),
        lambda s: s.populations["foyer"].first_person("salaire", MOIS),
        lambda s: s.populations["foyer"].demandeur.logement("age", MOIS),
        lambda s: s.populations["foyer"].demandeur.has_role(Logement.TITULAIRE),
        lambda s: s.persons.foyer.members_entity_id,
        lambda s: s.persons.inconnu,
        lambda s: s.persons.foyer.inconnu,
        lambda s: s.populations["foyer"].famille,
    ]
    for _ in range(2):
        for i, appel in enumerate(appels):
            assert _identiques(
                _issue(lambda a=appel: a(rapide)), _issue(lambda a=appel: a(plain))
            ), i
    assert rapide.persons.foyer is rapide.persons.foyer
    assert rapide.persons.foyer.demandeur is rapide.persons.foyer.demandeur
    assert rapide.persons.foyer.reference_entity is rapide.populations["foyer"]


def test_caches_belong_to_one_simulation() -> None:
    """Two accelerated simulations of different structures, interleaved."""
    un, lot = _simulation(UN_FOYER, True), _simulation(LOT, True)
    plain_un, plain_lot = _simulation(UN_FOYER, False), _simulation(LOT, False)
    for _ in range(2):
        for rapide, plain in ((un, plain_un), (lot, plain_lot)):
            for role in ROLES:
                assert _identiques(rapide.persons.has_role(role), plain.persons.has_role(role))
            salaire_rapide = rapide.calculate("salaire", MOIS)
            salaire_plain = plain.calculate("salaire", MOIS)
            for role in UNIQUES:
                assert _identiques(
                    rapide.populations[role.entity.key].value_from_person(salaire_rapide, role),
                    plain.populations[role.entity.key].value_from_person(salaire_plain, role),
                )
            assert rapide.persons.foyer.reference_entity is rapide.populations["foyer"]


@pytest.mark.parametrize(
    ("nom", "valeur"),
    [
        ("salaire", np.array([1, 2, 3], dtype=np.int64)),
        ("salaire", np.array([1.5, 2, 3], dtype=np.float64)),
        ("salaire", np.array([1.5, 2, 3], dtype=np.float32)),
        ("salaire", 7),
        ("salaire", 2.5),
        ("age", np.array([1.9, 2, 3])),
        ("actif", np.array([0, 2, 0])),
        ("actif", True),
        ("statut", np.array(["chomeur", "salarie", "inactif"])),
        ("statut", np.array([Statut.chomeur, Statut.salarie, Statut.inactif])),
        ("statut", EnumArray(np.array([2, 0, 1], dtype=np.int16), Statut)),
        ("loyer", np.array([4.0])),
    ],
)
def test_cast_is_openfisca_s(nom: str, valeur: Any) -> None:
    simulation = _simulation(UN_FOYER, False)
    variable = TBS.get_variable(nom)
    population = simulation.get_variable_population(nom)
    attendu = simulation._cast_formula_result(copy.copy(valeur), variable)
    assert _identiques(_cast(copy.copy(valeur), variable, population), attendu)
