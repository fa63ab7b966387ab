"""Values that are the same for every household: computed once per process, then reused.

Many nodes (variable, period) of OpenFisca-France's graph read nothing a household states:
parameters, dates, and the default value of inputs the simulator never sets (the ASS
pre-condition, the invalidity pension, the many tax boxes…). Their formulas run again in every
simulation and give, for every person (or famille, ménage…), the same value.

Which nodes, and why it is sound:
- `analyse` runs ordinary simulations with a recorder: for each node whose formula runs, the
  nodes it asks for (through `simulation.calculate`, which every population call, ADD and
  DIVIDE go through). A node is *constant* when its variable is not one the simulator can set
  (`noms_entrees`: every name `build_situation` can write, for any household), its formula
  touched no entity structure (projections between entities, sums and other aggregations over
  members, roles, ranks, ids, members arrays, holders read directly: the population methods
  are instrumented during the analysis), no cycle or spiral was detected while it was on the
  stack (openfisca-core then returns a context-dependent default), and every node it asked
  for is constant. A variable with no formula and no input is its default.
- Such a node's formula only combines parameters, its period and constant arrays element by
  element, so its Python control flow and its value are the same for every person and any
  population size (the analysis checks the array is uniform, and skips it otherwise). The
  value of (variable, period) does not depend on the simulated month either.
- Spirals: openfisca-core answers X@p with its default when X is already on the stack at
  another period, so a formula's value can depend on what is above it. The analysis lists
  the variables that ask (directly or not) for themselves at another period (70 of them:
  AAH, aides au logement, ASS…), and keeps no node whose variable, or any variable in its
  cone, is one of them. Then no spiral can start inside a kept node's computation, whatever
  is above it, and skipping its formula hides no spiral from the nodes above either.
- A constant node is therefore answered, in any later simulation, with its value broadcast to
  the population (a fresh array each time, so no formula can alter the shared one), exactly
  what its formula would have produced.
Measured on the warm-up households: 3,650 constant nodes, 4,000 → 2,000 formula runs for a
household without AAH (6,800 → 3,500 with it); analysis 5 s per month and per process (the
current month at warm-up, another month after its first batch). The golden households, the
randomised equivalence test and tests/integration/simulateur/test_engine_constantes.py (the
table against a plain simulation, array by array) check it.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import CycleError, SpiralError
from openfisca_core.periods import Period
from openfisca_core.populations import GroupPopulation, Population

from portal.simulateur.moteur.construction import FastSimulationBuilder, SituationJetable
from portal.simulateur.moteur.openfisca_adapter import build_situation, merge_situations, periode_of
from portal.simulateur.schemas import SimulationRequest

Noeud = tuple[str, Period]

# Methods and properties that read the entity structure (members, roles, ranks, projections).
_STRUCTURE_INDIVIDU = ("has_role", "value_from_partner", "get_rank", "get_index")
_STRUCTURE_GROUPE = (
    "sum",
    "any",
    "reduce",
    "all",
    "max",
    "min",
    "nb_persons",
    "value_from_person",
    "value_nth_person",
    "value_from_first_person",
    "project",
)
_PROPRIETES_GROUPE = (
    "members_position",
    "members_entity_id",
    "members_role",
    "ordered_members_map",
)
_CORE = "openfisca_core"


class _Enregistreur:
    """What the formulas of one simulation asked for (see the module docstring)."""

    def __init__(self, entrees: frozenset[str]) -> None:
        self.entrees = entrees
        self.pile: list[Noeud] = []
        self.enfants: dict[Noeud, set[Noeud]] = defaultdict(set)
        self.exclus: set[Noeud] = set()

    def structure(self) -> None:
        if self.pile:
            self.exclus.add(self.pile[-1])


def _enregistreur(population: Any) -> _Enregistreur | None:
    simulation = population.__dict__.get("simulation")
    return getattr(simulation, "_enregistreur_constantes", None)


def _marque(methode: Any) -> Any:
    # wraps() keeps `projectable`, which projectors read to project the result back.
    @functools.wraps(methode)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        enregistreur = _enregistreur(self)
        if enregistreur is not None:
            enregistreur.structure()
        return methode(self, *args, **kwargs)

    return wrapper


def _marque_propriete(propriete: property) -> property:
    def getter(self: Any) -> Any:
        enregistreur = _enregistreur(self)
        if enregistreur is not None:
            enregistreur.structure()
        return propriete.fget(self)  # type: ignore[misc]

    return property(getter, propriete.fset)


def _attribut(nom: str) -> property:
    """An instance attribute (members, ids) whose reading is recorded as structural."""

    def getter(self: Any) -> Any:
        enregistreur = _enregistreur(self)
        if enregistreur is not None:
            enregistreur.structure()
        return self.__dict__[nom]

    def setter(self: Any, valeur: Any) -> None:
        self.__dict__[nom] = valeur

    return property(getter, setter)


def _get_holder(self: Any, variable_name: str) -> Any:
    # openfisca-core reads holders for every calculation; a formula reading one itself sees
    # stored periods or inputs directly (age, af…): structural.
    if _CORE not in sys._getframe(1).f_code.co_filename:
        enregistreur = _enregistreur(self)
        if enregistreur is not None:
            enregistreur.structure()
    return Population.get_holder(self, variable_name)


def _getattr(self: Any, attribute: str) -> Any:
    enregistreur = _enregistreur(self)
    if enregistreur is not None:
        enregistreur.structure()  # a projector to another entity
    return Population.__getattr__(self, attribute)


def _classe(base: type) -> type:
    attributs: dict[str, Any] = {
        "__getattr__": _getattr,
        "get_holder": _get_holder,
        "ids": _attribut("ids"),
    }
    for nom in _STRUCTURE_INDIVIDU:
        attributs[nom] = _marque(getattr(base, nom))
    if base is GroupPopulation:
        attributs["members"] = _attribut("members")
        for nom in _STRUCTURE_GROUPE:
            attributs[nom] = _marque(getattr(base, nom))
        for nom in _PROPRIETES_GROUPE:
            attributs[nom] = _marque_propriete(getattr(base, nom))
    return type(f"_Observee{base.__name__}", (base,), attributs)


_CLASSES = {Population: _classe(Population), GroupPopulation: _classe(GroupPopulation)}


def observer(simulation: Any, entrees: frozenset[str]) -> _Enregistreur:
    """Records what `simulation`'s formulas ask for (this simulation only)."""
    enregistreur = _Enregistreur(entrees)
    for population in simulation.populations.values():
        classe = _CLASSES.get(type(population))
        if classe is None:
            raise TypeError(f"population inattendue : {type(population)!r}")
        population.__class__ = classe
    simulation._enregistreur_constantes = enregistreur
    calculate = simulation.calculate
    check_for_cycle = simulation._check_for_cycle

    def calculate_enregistre(variable_name: str, period: Any) -> Any:
        if not isinstance(period, Period):
            period = periods.period(period)
        noeud = (variable_name, period)
        pile = enregistreur.pile
        if pile:
            enregistreur.enfants[pile[-1]].add(noeud)
        if variable_name in entrees:
            enregistreur.exclus.add(noeud)
        pile.append(noeud)
        try:
            return calculate(variable_name, period)
        finally:
            pile.pop()

    def check_for_cycle_enregistre(variable: str, period: Any) -> None:
        try:
            check_for_cycle(variable, period)
        except (SpiralError, CycleError):
            enregistreur.exclus.update(enregistreur.pile)
            raise

    simulation.calculate = calculate_enregistre
    simulation._check_for_cycle = check_for_cycle_enregistre
    return enregistreur


def _ordre(enfants: dict[Noeud, set[Noeud]]) -> list[Noeud]:
    """Every node, each after all the nodes it asked for (the graph has no cycle)."""
    ordre: list[Noeud] = []
    vus: set[Noeud] = set()
    for racine in list(enfants):
        if racine in vus:
            continue
        vus.add(racine)
        pile = [(racine, iter(enfants.get(racine, ())))]
        while pile:
            noeud, suite = pile[-1]
            for enfant in suite:
                if enfant not in vus:
                    vus.add(enfant)
                    pile.append((enfant, iter(enfants.get(enfant, ()))))
                    break
            else:
                pile.pop()
                ordre.append(noeud)
    return ordre


def constants(enregistreur: _Enregistreur) -> set[Noeud]:
    """Nodes whose whole cone is constant and free of spirals (see the module docstring)."""
    enfants = enregistreur.enfants
    ordre = _ordre(enfants)
    constant: dict[Noeud, bool] = {}
    # Names of the variables in each node's cone (itself excluded).
    noms: dict[Noeud, frozenset[str]] = {}
    recursives: set[str] = set()
    for noeud in ordre:
        sous = enfants.get(noeud, ())
        constant[noeud] = noeud not in enregistreur.exclus and all(constant[e] for e in sous)
        cone: set[str] = set()
        for enfant in sous:
            cone.add(enfant[0])
            cone.update(noms[enfant])
        noms[noeud] = frozenset(cone)
        if noeud[0] in cone:
            # This variable asks for itself at another period: a spiral may cut it short,
            # depending on what is above it on the stack.
            recursives.add(noeud[0])
    return {
        noeud
        for noeud in ordre
        if constant[noeud] and noeud[0] not in recursives and not (noms[noeud] & recursives)
    }


def noms_entrees(situations: Iterable[dict[str, Any]]) -> frozenset[str]:
    """Every variable name these situations set, on any entity."""
    noms: set[str] = set()
    for situation in situations:
        for instances in situation.values():
            for instance in instances.values():
                noms.update(k for k, v in instance.items() if isinstance(v, dict))
    return frozenset(noms)


class Constantes:
    """The constant nodes found so far, with their value for one member of their entity."""

    def __init__(self) -> None:
        self._valeurs: dict[Noeud, Any] = {}
        self._lock = threading.Lock()
        self.mois_analyses: set[str] = set()

    def __len__(self) -> int:
        return len(self._valeurs)

    def get(self, variable_name: str, period: Period, count: int) -> Any:
        """A fresh array of `count` copies of the value, or None if the node is not constant."""
        valeur = self._valeurs.get((variable_name, period))
        if valeur is None:
            return None
        return valeur[np.zeros(count, dtype=np.intp)]

    def ajouter(self, simulation: Any, noeuds: Iterable[Noeud]) -> int:
        """Keeps the value each node has in `simulation`, when it is uniform."""
        ajoutes = 0
        nouveaux: dict[Noeud, Any] = {}
        for nom, periode in noeuds:
            tableau = simulation.get_holder(nom).get_array(periode)
            if tableau is None or len(tableau) == 0:
                continue  # deleted after a spiral, or an empty entity
            brut = np.asarray(tableau)  # the codes of an enum, the values otherwise
            if not bool(np.all(brut == brut[0])):
                continue  # not uniform (or NaN): keep the formula
            nouveaux[(nom, periode)] = tableau[:1].copy()
            ajoutes += 1
        with self._lock:
            self._valeurs.update(nouveaux)
        return ajoutes


def analyse(
    tbs: Any,
    requetes: Sequence[SimulationRequest],
    variables: Sequence[str],
    entrees: frozenset[str],
    constantes: Constantes,
) -> int:
    """Computes `requetes` (one month) in one plain simulation, recorded; keeps its constant
    nodes in `constantes`. Returns how many were added."""
    situation = SituationJetable(
        merge_situations([build_situation(r, f"h{i}_") for i, r in enumerate(requetes)])
    )
    simulation = FastSimulationBuilder().build_from_entities(tbs, situation)
    enregistreur = observer(simulation, entrees)
    mois = requetes[0].mois
    for variable in variables:
        simulation.calculate(variable, periode_of(tbs, variable, mois))
    ajoutes = constantes.ajouter(simulation, constants(enregistreur))
    constantes.mois_analyses.add(mois)
    return ajoutes
