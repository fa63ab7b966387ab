"""OpenFisca's SimulationBuilder with its per-value work remembered: same inputs, same arrays.

Profiled on openfisca-core 44.7: for a batch of 20 households, building the simulation took
5.4 s and computing every aid 1.5 s. The builder parses each period string with pendulum for
every value (about 2,000 values per household: incomes are stated for 72 months), converts
each value through `check_set_value`, and finds the instance with `list.index` (quadratic in
the batch size). These three steps are pure functions of their arguments, so this builder
remembers them; every array it stores is the one the plain builder makes (a test compares them).
For a month of a monthly variable not yet known, the array is stored directly: the two
set_input helpers of the input variables (divide / dispatch by period) would store it as is.
A `SituationJetable` is not deep-copied first (see there).

Most inputs are one value over a run of months (`Morceaux`): for those, the builder fills
one array per period for the whole batch with a few vectorised assignments, instead of
reading about 3,600 (period, value) pairs per household one at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import SituationParsingError, VariableNotFoundError
from openfisca_core.holders import set_input_dispatch_by_period, set_input_divide_by_period
from openfisca_core.simulation_builder import SimulationBuilder


@functools.lru_cache(maxsize=4096)
def _period(period_str: str) -> Any:
    """Periods are immutable: the same string always parses to an equal Period."""
    return periods.period(period_str)


@functools.lru_cache(maxsize=4096)
def _period_key(period_str: str) -> str:
    """`str(periods.period(...))`, as the plain builder keys its buffer (raises ValueError)."""
    return str(_period(period_str))


# Helpers that store a whole unit's array unchanged; any other set_input keeps its own path.
_SET_INPUT_SIMPLES = (None, set_input_divide_by_period, set_input_dispatch_by_period)


def _exact_unit(variable: Any, period: Any) -> bool:
    return (
        variable.set_input in _SET_INPUT_SIMPLES
        and not variable.is_neutralized
        and period.size == 1
        and period.unit == variable.definition_period
        and period.unit != periods.DateUnit.ETERNITY
    )


class Morceaux(dict[str, Any]):
    """{period: value} built from runs of periods that share one value.

    It is the plain dict OpenFisca reads (later runs win, as in `{**a, **b}`); the runs are
    kept so that `FastSimulationBuilder` can fill whole arrays at once. The stored runs are
    disjoint: a period keeps only the run that gave its final value."""

    def __init__(self, *runs: tuple[Sequence[str], Any]) -> None:
        super().__init__()
        for periodes, valeur in runs:
            self.update(dict.fromkeys(periodes, valeur))
        if len(self) == sum(len(periodes) for periodes, _ in runs):
            self.runs = tuple((tuple(periodes), valeur) for periodes, valeur in runs)
        else:  # overlapping runs: each period stays with the last run that names it
            dernier = {p: rang for rang, (periodes, _) in enumerate(runs) for p in periodes}
            self.runs = tuple(
                (tuple(p for p in periodes if dernier[p] == rang), valeur)
                for rang, (periodes, valeur) in enumerate(runs)
            )


class SituationJetable(dict[str, Any]):
    """A situation built for one simulation and dropped after it.

    `build_from_entities` deep-copies its input first, only so as not to alter the caller's
    dict (it pops the roles out of the group entities): nearly half the time of building 20
    households. A throw-away situation hands itself over instead of a copy; the builder reads
    the same values either way."""

    def __deepcopy__(self, memo: dict[int, Any]) -> SituationJetable:
        return self


class FastSimulationBuilder(SimulationBuilder):
    """Use one instance per simulation (like SimulationBuilder)."""

    def __init__(self) -> None:
        super().__init__()
        self._index: dict[tuple[str, str], int] = {}
        self._valeurs: dict[tuple[str, type, Any], Any] = {}
        self._definies: set[tuple[str, str]] = set()
        # variable → (entity, instance index, instance id, runs with converted values)
        self._runs: dict[str, list[tuple[Any, int, str, tuple[tuple[tuple[str, ...], Any], ...]]]]
        self._runs = {}
        self._periodes_valides: set[tuple[str, ...]] = set()

    def register_variables(self, simulation: Any) -> None:
        """Which entity each variable belongs to: the same for every simulation of a
        legislation, so it is read once per process."""
        tbs = simulation.tax_benefit_system
        connu = _ENTITES_DES_VARIABLES.get(id(tbs))
        if connu is None or connu[0] is not tbs:
            super().register_variables(simulation)
            _ENTITES_DES_VARIABLES[id(tbs)] = (tbs, dict(self.variable_entities))
        else:
            self.variable_entities.update(connu[1])

    def _instance_index(self, plural: str, instance_id: str) -> int:
        key = (plural, instance_id)
        index = self._index.get(key)
        if index is None:
            # Built once per entity: the ids no longer change while values are read.
            for position, ident in enumerate(self.get_ids(plural)):
                self._index.setdefault((plural, ident), position)
            index = self._index[key]
        return index

    def init_variable_values(self, entity: Any, instance_object: Any, instance_id: str) -> None:
        for variable_name, variable_values in instance_object.items():
            path_in_json = [entity.plural, instance_id, variable_name]
            if (entity.key, variable_name) not in self._definies:
                try:
                    entity.check_variable_defined_for_entity(variable_name)
                except ValueError as e:
                    raise SituationParsingError(path_in_json, e.args[0]) from e
                except VariableNotFoundError as e:
                    raise SituationParsingError(path_in_json, str(e), code=404) from e
                self._definies.add((entity.key, variable_name))
            if type(variable_values) is Morceaux and variable_name not in self.input_buffer:
                self._add_runs(entity, instance_id, variable_name, variable_values, path_in_json)
                continue
            if variable_name in self._runs:  # mixed forms: fall back to value by value
                self._flush_runs(variable_name)
            if not isinstance(variable_values, dict):
                # Only the plain builder knows the default period: let it handle this case.
                super().init_variable_values(entity, {variable_name: variable_values}, instance_id)
                continue
            instance_index = self._instance_index(entity.plural, instance_id)
            variable = entity.get_variable(variable_name)
            buffer: dict[str, Any] | None = None
            for period_str, value in variable_values.items():
                try:
                    cle_periode = _period_key(period_str)
                except ValueError as e:
                    raise SituationParsingError(path_in_json, e.args[0]) from e
                if value is not None and type(period_str) is str:
                    # add_variable_value inlined for a value already converted once (most of
                    # them: the same amount for 72 months): same buffer, same array.
                    try:
                        converted = self._valeurs[(variable.name, type(value), value)]
                    except (KeyError, TypeError):
                        pass
                    else:
                        if buffer is None:
                            buffer = self.input_buffer.setdefault(variable.name, {})
                        array = buffer.get(period_str)
                        if array is None:
                            array = variable.default_array(self.get_count(entity.plural))
                        array[instance_index] = converted
                        buffer[cle_periode] = array
                        continue
                self.add_variable_value(
                    entity, variable, instance_index, instance_id, period_str, value
                )

    def _add_runs(
        self,
        entity: Any,
        instance_id: str,
        variable_name: str,
        valeurs: Morceaux,
        path_in_json: list[str],
    ) -> None:
        """Checks a `Morceaux` as the plain builder checks each of its values, and keeps it."""
        variable = entity.get_variable(variable_name)
        runs = []
        for periodes, value in valeurs.runs:
            if value is None or not periodes:
                continue  # the plain builder skips None
            if periodes not in self._periodes_valides:
                for period_str in periodes:
                    try:
                        _period_key(period_str)
                    except ValueError as e:
                        raise SituationParsingError(path_in_json, e.args[0]) from e
                self._periodes_valides.add(periodes)
            cle_valeur = (variable.name, type(value), value)
            try:
                converted = self._valeurs[cle_valeur]
            except KeyError:
                try:
                    converted = self._valeurs[cle_valeur] = variable.check_set_value(value)
                except ValueError as error:
                    path = [*path_in_json, periodes[0]]
                    raise SituationParsingError(path, *error.args) from error
            runs.append((periodes, converted))
        index = self._instance_index(entity.plural, instance_id)
        self._runs.setdefault(variable_name, []).append((entity, index, instance_id, tuple(runs)))

    def _flush_runs(self, variable_name: str) -> None:
        """The kept runs of a variable, value by value into the plain buffer (in order)."""
        for entity, index, instance_id, runs in self._runs.pop(variable_name):
            variable = entity.get_variable(variable_name)
            for periodes, converted in runs:
                for period_str in periodes:
                    self.add_variable_value(
                        entity, variable, index, instance_id, period_str, converted
                    )

    def _arrays_of_runs(self, variable: Any, count: int) -> dict[str, Any]:
        """{period key: array} for one variable: the arrays the plain buffer would hold."""
        groupes: dict[tuple[str, ...], tuple[list[int], list[Any]]] = {}
        for _entity, index, _id, runs in self._runs[variable.name]:
            for periodes, converted in runs:
                indexes, valeurs = groupes.setdefault(periodes, ([], []))
                indexes.append(index)
                valeurs.append(converted)
        arrays: dict[str, Any] = {}
        for periodes, (indexes, valeurs) in groupes.items():
            base = variable.default_array(count)
            positions = np.array(indexes)
            for position, valeur in zip(indexes, valeurs, strict=True):
                base[position] = valeur
            for period_str in periodes:
                cle = _period_key(period_str)
                array = arrays.get(cle)
                if array is None:
                    arrays[cle] = base.copy()
                else:  # another run of other instances already covers this period
                    array[positions] = base[positions]
        return arrays

    def add_variable_value(
        self,
        entity: Any,
        variable: Any,
        instance_index: int,
        instance_id: str,
        period_str: str,
        value: Any,
    ) -> None:
        if value is None:
            return
        buffer = self.input_buffer.setdefault(variable.name, {})
        # Read under the string as given, stored under the parsed period: as the plain builder.
        array = buffer.get(str(period_str))
        if array is None:
            array = variable.default_array(self.get_count(entity.plural))
        try:
            cle_valeur = (variable.name, type(value), value)
            converted = self._valeurs[cle_valeur]
        except KeyError:
            try:
                converted = self._valeurs[cle_valeur] = variable.check_set_value(value)
            except ValueError as error:
                path = [entity.plural, instance_id, variable.name, period_str]
                raise SituationParsingError(path, *error.args) from error
        except TypeError:  # an unhashable value: convert it each time, as the plain builder
            try:
                converted = variable.check_set_value(value)
            except ValueError as error:
                path = [entity.plural, instance_id, variable.name, period_str]
                raise SituationParsingError(path, *error.args) from error
        array[instance_index] = converted
        buffer[_period_key(str(period_str))] = array

    def finalize_variables_init(self, population: Any) -> None:
        """The plain method with the period strings parsed once (same order, same arrays)."""
        plural_key = population.entity.plural
        if plural_key in self.entity_counts:
            population.count = self.get_count(plural_key)
            population.ids = self.get_ids(plural_key)
        if plural_key in self.memberships:
            population.members_entity_id = np.array(self.get_memberships(plural_key))
            population.members_role = np.array(self.get_roles(plural_key))
        for variable_name, buffer in self.input_buffer.items():
            try:
                holder = population.get_holder(variable_name)
            except ValueError:  # another entity's variable
                continue
            # Small periods first, for set_input (as the plain builder).
            for period_value in sorted(map(_period, buffer), key=periods.key_period_size):
                values = buffer[str(period_value)]
                _store(holder, period_value, np.tile(values, population.count // len(values)))
        for variable_name, entrees in self._runs.items():
            if entrees[0][0].key != population.entity.key:
                continue
            holder = population.get_holder(variable_name)
            arrays = self._arrays_of_runs(holder.variable, population.count)
            if not _store_months(holder, arrays):
                for period_value in sorted(map(_period, arrays), key=periods.key_period_size):
                    _store(holder, period_value, arrays[str(period_value)])


def _store(holder: Any, period_value: Any, array: Any) -> None:
    """What the plain builder's finalize_variables_init does with one buffered array."""
    variable = holder.variable
    if variable.end is None or period_value.start.date <= variable.end:
        known = holder.get_array(period_value)
        if _exact_unit(variable, period_value) and known is None:
            # One whole unit of the variable's period, not yet known: every set_input
            # helper then stores the array as it is (divided by 1).
            holder._set(period_value, array)
        else:
            holder.set_input(period_value, array)


def _store_months(holder: Any, arrays: dict[str, Any]) -> bool:
    """When every array is one whole month of a monthly variable not yet known, in memory:
    stores them as `_set` would (its checks pass on these arrays: right length and dtype,
    EnumArray kept as is) and says True; otherwise stores nothing and says False."""
    variable = holder.variable
    storage = holder._memory_storage
    if holder._eternal or holder._on_disk_storable or storage.is_eternal:
        return False
    count = holder.population.count
    ranges = []
    for cle, array in arrays.items():
        period_value = _period(cle)
        if not (
            _exact_unit(variable, period_value)
            and len(array) == count
            and array.dtype == variable.dtype
            and period_value not in storage._arrays
        ):
            return False
        ranges.append((period_value, array))
    for period_value, array in ranges:
        if variable.end is None or period_value.start.date <= variable.end:
            storage._arrays[period_value] = array
    return True


# id(legislation) → (legislation, {variable: entity}), see register_variables.
_ENTITES_DES_VARIABLES: dict[int, tuple[Any, dict[str, Any]]] = {}
