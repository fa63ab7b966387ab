"""Projections between entities, with the entity structure read once per simulation.

openfisca-core recomputes, at every `has_role`, `value_from_person` or projector look-up,
things that only depend on the structure of the simulation (which person belongs to which
entity, with which role): the boolean mask of a role (an object-array comparison, after
looking the group population up by name), the indices of the persons with a unique role and
the entities that have one, the projector object for `individu.famille`. The builder sets
that structure before `accelerate`, and nothing changes it afterwards, so these are computed
once per simulation (kept on its populations, never shared with another simulation), then
used with the same numpy operations as openfisca-core 44.7. The checks skipped (role validity,
array size) only raise: a call that could fail takes openfisca-core's own path.

Arrays openfisca-core builds afresh are still fresh here: a kept mask is copied before it is
handed to a formula. (Measured, `sum`, `any` and `project` gained less than 1 % each: they
stay openfisca-core's, and read the kept masks through `has_role`.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core import projectors
from openfisca_core.entities import Role
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.populations import GroupPopulation, Population
from openfisca_core.projectors import Projector


class _ProjecteurMemorise:
    """`individu.famille.demandeur`: a projector reached from a kept projector is kept on it
    too. Anything else (methods, attributes of the population) is looked up as before."""

    def __getattr__(self, attribute: str) -> Any:
        valeur = Projector.__getattr__(self, attribute)
        if isinstance(valeur, Projector):
            _memorise(valeur)
            self.__dict__[attribute] = valeur
        return valeur


_PROJECTEURS_MEMORISES = {
    classe: type(f"Memorise{classe.__name__}", (_ProjecteurMemorise, classe), {})
    for classe in (
        projectors.EntityToPersonProjector,
        projectors.FirstPersonToEntityProjector,
        projectors.UniqueRoleToEntityProjector,
    )
}


def _memorise(projecteur: Any) -> None:
    classe = _PROJECTEURS_MEMORISES.get(type(projecteur))
    if classe is not None:
        projecteur.__class__ = classe


class ProjecteursMemorises:
    """`population.famille`, `famille.demandeur`…: openfisca-core builds a new projector at
    every access; it only holds populations of this simulation, a role and its parent, so
    the first one is kept on the instance, where the next access finds it directly."""

    def __getattr__(self, attribute: str) -> Any:
        projecteur = Population.__getattr__(self, attribute)
        _memorise(projecteur)
        self.__dict__[attribute] = projecteur
        return projecteur


class PersonnesRapides(ProjecteursMemorises):
    # role → its mask (openfisca-core's has_role), for this simulation.
    _masques: dict[Role, np.ndarray]

    @projectors.projectable
    def has_role(self, role: Any) -> Any:
        if type(role) is Role:
            masque = self._masques.get(role)
            if masque is not None:
                return masque.copy()
        resultat = Population.has_role(self, role)
        if type(role) is Role and resultat is not None:
            self._masques[role] = resultat.copy()
        return resultat


class GroupeRapide(ProjecteursMemorises):
    # role → (indices of its members, entities that have one), for value_from_person.
    _uniques: dict[Role, tuple[np.ndarray, np.ndarray]]

    @projectors.projectable
    def value_from_person(self, array: Any, role: Any, default: Any = 0) -> Any:
        plan = self._uniques.get(role) if type(role) is Role else None
        # Otherwise, or for an array of the wrong size, openfisca-core checks and raises.
        if plan is None or not isinstance(array, np.ndarray) or array.size != self.members.count:
            resultat = GroupPopulation.value_from_person(self, array, role, default)
            if type(role) is Role and role not in self._uniques:
                # Reached only once openfisca-core accepted the role (unique, valid).
                ordre = self.ordered_members_map
                filtre = self.members.has_role(role)
                self._uniques[role] = (ordre[filtre[ordre]], self.any(filtre))
            return resultat
        indices, entites = plan
        # array[ordre][filtre[ordre]] in openfisca-core: the same elements, in the same order.
        resultat = np.full(self.count, default, dtype=array.dtype)
        if isinstance(array, EnumArray):
            resultat = EnumArray(resultat, array.possible_values)
        resultat[entites] = array[indices]
        return resultat


def prepare(population: Any) -> None:
    """Empty caches on one population (of one simulation), once its structure is set."""
    population._masques = {}
    population._uniques = {}
