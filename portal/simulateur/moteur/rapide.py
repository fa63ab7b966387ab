"""A shorter path through openfisca-core for one simulation, with the same values.

In a warm simulation four calls out of five ask for a value already computed. openfisca-core
answers them after converting the period again, checking the entity and the period type,
pushing and popping the tracer, and looking the variable up twice. Those steps only raise
errors for a malformed formula (openfisca-france's own tests cover that) and never change a
value, so a hit in the simulation's cache is answered at once here: a population call or an
ADD reads the holder's memory storage directly (the storage object is kept per simulation,
never its dict, which openfisca-core's delete replaces).

A miss runs `_calculer`: `Simulation.calculate` and `_calculate` of openfisca-core 44.7 for
its default configuration (no trace, no disk storage, no start period, cache on), step by
step in the same order, minus repeated look-ups: the formula of a (variable, period) and the
period checks are remembered, and the cycle check (a scan of the whole stack in
openfisca-core) only runs openfisca-core's own `_check_for_cycle` when the variable is
already on the stack, the only case where it can raise. The tracer stack is kept as
openfisca-core keeps it, so spirals are detected and invalidated exactly as there; the purge
that follows (about 300 invalidated values per household) runs only once the stack is empty,
as openfisca-core's does, and removes the same periods (`purger`). Any other configuration
goes through openfisca-core unchanged.

The result of a formula is cast as `_cast_formula_result` does, with its Enum test (two
hashes through EnumType.__eq__) remembered per variable. The populations also answer roles,
unique-role projections and projectors from the entity structure read once per simulation
(`populations_rapides.py`).

`neutres` (see `elagage.py`) are answered with their default value, as openfisca-core does for
a neutralised variable. Nodes that `constantes.py` proved the same for everybody are stored
from its table instead of running their formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import SpiralError
from openfisca_core.indexed_enums import Enum, EnumArray
from openfisca_core.periods import Period
from openfisca_core.populations import ADD, DIVIDE, GroupPopulation, Population
from openfisca_core.tracers import SimpleTracer

from portal.simulateur.moteur.constantes import Constantes
from portal.simulateur.moteur.populations_rapides import GroupeRapide, PersonnesRapides, prepare

_ETERNITY = periods.period(periods.DateUnit.ETERNITY)

# (variable, period) → (its formula or None, its number of arguments), once openfisca-core's
# period check passed for the pair. Pure functions of the variable and the period; the
# legislation lives as long as the process.
_plans: dict[tuple[Any, Period], tuple[Any, int]] = {}


# variable → whether its value type is openfisca-core's Enum. openfisca-core asks at every
# formula run, through EnumType.__eq__ (two hashes); a pure function of the variable.
_enums: dict[Any, bool] = {}


def _cast(array: Any, variable: Any, population: Any) -> Any:
    """Simulation._cast_formula_result; `population` is the variable's (the holder's)."""
    try:
        enum = _enums[variable]
    except KeyError:
        enum = _enums[variable] = bool(variable.value_type == Enum)
    if enum and not isinstance(array, EnumArray):
        return variable.possible_values.encode(array)
    if not isinstance(array, np.ndarray):
        array = population.filled_array(array)
    if array.dtype != variable.dtype:
        return array.astype(variable.dtype)
    return array


def _fast_call(self: Any, variable_name: str, period: Any, options: Any = None) -> Any:
    if type(period) is Period and self.simulation is not None:
        if options is None:
            # The cache hit of `calculate` (below), read here without calling it.
            stockage = self._stockages.get(variable_name)
            if stockage is not None:
                array = stockage._arrays.get(period)
                if array is not None:
                    return array
            return self.simulation.calculate(variable_name, period)
        # One option, as openfisca-france always writes it: openfisca-core would call the
        # same method after checks that only raise.
        if type(options) is list and len(options) == 1:
            if options[0] == ADD:
                return self.simulation.calculate_add(variable_name, period)
            if options[0] == DIVIDE:
                return self.simulation.calculate_divide(variable_name, period)
    return self._slow_call(variable_name, period, options)


class _FastPopulation(PersonnesRapides, Population):
    _slow_call = Population.__call__
    __call__ = _fast_call


class _FastGroupPopulation(GroupeRapide, GroupPopulation):
    _slow_call = GroupPopulation.__call__
    __call__ = _fast_call


_FAST_CLASSES = {Population: _FastPopulation, GroupPopulation: _FastGroupPopulation}


def _configuration_standard(simulation: Any) -> bool:
    """The configuration `_calculer` reproduces (openfisca-core's defaults)."""
    return (
        type(simulation.tracer) is SimpleTracer
        and not simulation.trace
        and simulation.start_computation_period is None
        and simulation.memory_config is None
        and not simulation.opt_out_cache
        and simulation.max_spiral_loops >= 1
        and not simulation.tracer.stack
    )


# (period, stored period) → period.contains(stored period): pure, read by the purge.
_contenus: dict[tuple[Period, Period], bool] = {}


def purger(simulation: Any, holder_of: Any) -> None:
    """`purge_cache_of_invalid_values` once the stack is empty: each holder invalidated by a
    spiral loses the periods contained in the invalidated one, as `InMemoryStorage.delete`
    removes them, but in place (the same keys, in the same order, are left; only its own
    code held the dict it replaced) and with `contains` remembered."""
    invalides = simulation.invalidated_caches
    for nom, periode in invalides:
        holder = holder_of(nom)
        storage = holder._memory_storage
        if type(periode) is not Period or holder._disk_storage is not None:
            holder.delete_arrays(periode)  # openfisca-core's own path
            continue
        cible = _ETERNITY if storage.is_eternal else periode
        arrays = storage._arrays
        retires = []
        for stockee in arrays:
            cle = (cible, stockee)
            try:
                contenue = _contenus[cle]
            except KeyError:
                contenue = _contenus[cle] = cible.contains(stockee)
            if contenue:
                retires.append(stockee)
        for stockee in retires:
            del arrays[stockee]
    simulation.invalidated_caches = set()


def accelerate(
    simulation: Any,
    neutres: frozenset[str] = frozenset(),
    constantes: Constantes | None = None,
) -> Any:
    """Installs the short path on this simulation only (other simulations are untouched)."""
    # variable name → the memory storage of its holder, for a variable neither neutralised
    # nor eternal: a value already computed is `stockages[name]._arrays.get(period)`. The
    # storage object is kept, not its dict, which openfisca-core may replace.
    stockages: dict[str, Any] = {}
    for population in simulation.populations.values():
        fast = _FAST_CLASSES.get(type(population))
        if fast is not None:
            population.__class__ = fast
            prepare(population)
            population._stockages = stockages
    if neutres:
        _neutraliser(simulation, neutres)
    standard = _configuration_standard(simulation)
    holder_of = _holder_of(simulation, stockages)
    calculer = _calculer(simulation, neutres, holder_of)
    simulation.calculate = _calculate(
        simulation, neutres, constantes, standard=standard, holder_of=holder_of, calculer=calculer
    )
    if standard:
        _sommes_et_divisions(simulation, holder_of, stockages)
    return simulation


def _neutraliser(simulation: Any, neutres: frozenset[str]) -> None:
    run_formula = simulation._run_formula

    def run(variable: Any, population: Any, period: Any) -> Any:
        if variable.name in neutres:
            return None  # openfisca-core then caches and returns the default array
        return run_formula(variable, population, period)

    simulation._run_formula = run


def _holder_of(simulation: Any, stockages: dict[str, Any]) -> Callable[[str], Any]:
    """The holder of a variable, kept; its memory storage noted in `stockages`."""
    holders: dict[str, Any] = {}

    def holder_of(variable_name: str) -> Any:
        holder = holders.get(variable_name)
        if holder is None:
            holder = holders[variable_name] = simulation.get_holder(variable_name)
            storage = holder._memory_storage
            if not holder.variable.is_neutralized and not storage.is_eternal:
                stockages[variable_name] = storage
        return holder

    return holder_of


def _cycle_check(simulation: Any, pile: list[dict[str, Any]]) -> Callable[[str, Period], None]:
    def _cycle(variable_name: str, period: Period) -> None:
        """openfisca-core's `_check_for_cycle`, without formatting the whole stack into the
        message of a SpiralError that `calculer` catches at once."""
        precedentes = [f["period"] for f in pile[:-1] if f["name"] == variable_name]
        if period in precedentes or len(precedentes) < simulation.max_spiral_loops:
            simulation._check_for_cycle(variable_name, period)  # CycleError, or nothing
            return
        simulation.invalidate_spiral_variables(variable_name)
        raise SpiralError(variable_name)

    return _cycle


def _calculer(
    simulation: Any, neutres: frozenset[str], holder_of: Callable[[str], Any]
) -> Callable[[str, Period, Any], Any]:
    pile: list[dict[str, Any]] = simulation.tracer.stack
    sur_la_pile: defaultdict[str, int] = defaultdict(int)
    parametres = simulation.tax_benefit_system.get_parameters_at_instant
    _cycle = _cycle_check(simulation, pile)

    def calculer(variable_name: str, period: Period, holder: Any) -> Any:
        """openfisca-core's calculate + _calculate for a value not in the cache."""
        variable = holder.variable
        pile.append({"name": variable_name, "period": period})
        try:
            cle = (variable, period)
            plan = _plans.get(cle)
            if plan is None:
                simulation._check_period_consistency(period, variable)  # raises if malformed
                formule = variable.get_formula(period)
                arguments = 0 if formule is None else formule.__code__.co_argcount
                plan = _plans[cle] = (formule, arguments)
            formule, arguments = plan
            population = holder.population
            try:
                if sur_la_pile[variable_name]:
                    _cycle(variable_name, period)
                sur_la_pile[variable_name] += 1
                try:
                    if formule is None or variable_name in neutres:
                        array = None
                    elif arguments == 2:
                        array = formule(population, period)
                    else:
                        array = formule(population, period, parametres)
                finally:
                    sur_la_pile[variable_name] -= 1
                if array is None:
                    array = holder.default_array()
                array = _cast(array, variable, population)
                _store(holder, array, period)
            except SpiralError:
                array = holder.default_array()
            return array
        finally:
            pile.pop()
            if not pile:  # purge_cache_of_invalid_values returns at once otherwise
                purger(simulation, holder_of)

    return calculer


def _store(holder: Any, array: Any, period: Period) -> None:
    """Caches a computed value as openfisca-core's put_in_cache does."""
    if (
        type(array) is np.ndarray
        and array.ndim == 1
        and len(array) == holder.population.count
        and array.dtype == holder.variable.dtype
        and not holder._do_not_store
    ):
        # What put_in_cache → _set → _to_array → storage.put does with such an
        # array (a plain array of the right length and dtype): store it as is.
        storage = holder._memory_storage
        storage._arrays[_ETERNITY if storage.is_eternal else period] = array
    else:
        holder.put_in_cache(array, period)


def _calculate(
    simulation: Any,
    neutres: frozenset[str],
    constantes: Constantes | None,
    *,
    standard: bool,
    holder_of: Callable[[str], Any],
    calculer: Callable[[str, Period, Any], Any],
) -> Callable[[str, Any], Any]:
    slow_calculate = simulation.calculate

    def calculate(variable_name: str, period: Any) -> Any:
        # Population calls and ADD read a value already computed before calling this (most
        # calls that reach it are misses: a separate hit test here measured slower).
        if standard and period is not None and not isinstance(period, Period):
            # As openfisca-core does first; every call then takes the path below, so that
            # `sur_la_pile` counts every frame of the stack.
            period = periods.period(period)
        if isinstance(period, Period):
            holder = holder_of(variable_name)
            if holder.variable.is_neutralized:
                if standard:
                    return holder.default_array()  # what get_array gives, nothing cached
            else:
                storage = holder._memory_storage
                key = _ETERNITY if storage.is_eternal else period
                array = storage._arrays.get(key)
                if array is not None:
                    return array
                if constantes is not None and variable_name not in neutres:
                    array = constantes.get(variable_name, period, holder.population.count)
                    if array is not None:
                        # What the formula would give everybody; stored as put_in_cache does
                        # (same dtype and length, memory storage).
                        storage._arrays[key] = array
                        return array
                if standard:
                    return calculer(variable_name, period, holder)
        return slow_calculate(variable_name, period)

    return calculate


# (variable, period) → its sub-periods, once openfisca-core's calculate_add accepted the pair;
# (variable, period) → what calculate_divide computed for it: (period of the variable,
# denominator).
_sommes: dict[tuple[Any, Period], tuple[Period, ...]] = {}
_divisions: dict[tuple[Any, Period], tuple[Period, int]] = {}
_UNITES = (periods.DateUnit.YEAR, periods.DateUnit.MONTH)


def _sommes_et_divisions(simulation: Any, holder_of: Any, stockages: dict[str, Any]) -> None:
    """ADD and DIVIDE: openfisca-core's arithmetic (the same additions in the same order, the
    same division) once its checks, which only depend on the variable and the period, have
    passed."""
    slow_add = simulation.calculate_add
    slow_divide = simulation.calculate_divide

    def calculate_add(variable_name: str, period: Any) -> Any:
        if type(period) is not Period:
            return slow_add(variable_name, period)
        variable = holder_of(variable_name).variable
        sous_periodes = _sommes.get((variable, period))
        if sous_periodes is None:
            resultat = slow_add(variable_name, period)
            _sommes[(variable, period)] = tuple(period.get_subperiods(variable.definition_period))
            return resultat
        # sum(calculate(…) for …): 0 + first, then + each in turn, each value asked for
        # only after the previous addition; a value already computed is read at once.
        stockage = stockages.get(variable_name)
        total: Any = 0
        for sous_periode in sous_periodes:
            array = None if stockage is None else stockage._arrays.get(sous_periode)
            if array is None:
                array = simulation.calculate(variable_name, sous_periode)
            total = total + array
        return total

    def calculate_divide(variable_name: str, period: Any) -> Any:
        if type(period) is not Period:
            return slow_divide(variable_name, period)
        variable = holder_of(variable_name).variable
        connue = _divisions.get((variable, period))
        if connue is not None:
            calculation_period, denominator = connue
            return simulation.calculate(variable_name, calculation_period) / denominator
        resultat = slow_divide(variable_name, period)
        # The two cases openfisca-france uses, as openfisca-core computes them.
        unite = variable.definition_period
        if unite in _UNITES and period.unit in _UNITES:
            calcul = period.this_year if unite == periods.DateUnit.YEAR else period.first_month
            if period.unit == periods.DateUnit.YEAR:
                _divisions[(variable, period)] = (calcul, calcul.size_in_years)
            else:
                _divisions[(variable, period)] = (calcul, calcul.size_in_months)
        return resultat

    simulation.calculate_add = calculate_add
    simulation.calculate_divide = calculate_divide
