"""A shorter path through openfisca-core for one simulation, with the same values.

In a warm simulation four calls out of five ask for a value already computed. openfisca-core
answers them after converting the period again, checking the entity and the period type,
pushing and popping the tracer, and looking the variable up twice. Those steps only raise
errors for a malformed formula (openfisca-france's own tests cover that) and never change a
value, so a hit in the simulation's cache is answered at once here; everything else goes
through openfisca-core unchanged. `neutres` (see `elagage.py`) are answered with their
default value, as openfisca-core does for a neutralised variable.
"""

from __future__ import annotations

from typing import Any

from openfisca_core import periods
from openfisca_core.periods import Period
from openfisca_core.populations import GroupPopulation, Population

_ETERNITY = periods.period(periods.DateUnit.ETERNITY)


def _fast_call(self: Any, variable_name: str, period: Any, options: Any = None) -> Any:
    if options is None and type(period) is Period and self.simulation is not None:
        return self.simulation.calculate(variable_name, period)
    return self._slow_call(variable_name, period, options)


class _FastPopulation(Population):
    _slow_call = Population.__call__
    __call__ = _fast_call


class _FastGroupPopulation(GroupPopulation):
    _slow_call = GroupPopulation.__call__
    __call__ = _fast_call


_FAST_CLASSES = {Population: _FastPopulation, GroupPopulation: _FastGroupPopulation}


def accelerate(simulation: Any, neutres: frozenset[str] = frozenset()) -> Any:
    """Installs the short path on this simulation only (other simulations are untouched)."""
    for population in simulation.populations.values():
        fast = _FAST_CLASSES.get(type(population))
        if fast is not None:
            population.__class__ = fast
    if neutres:
        run_formula = simulation._run_formula

        def run(variable: Any, population: Any, period: Any) -> Any:
            if variable.name in neutres:
                return None  # openfisca-core then caches and returns the default array
            return run_formula(variable, population, period)

        simulation._run_formula = run

    slow_calculate = simulation.calculate
    holders: dict[str, Any] = {}

    def calculate(variable_name: str, period: Any) -> Any:
        if type(period) is Period:
            holder = holders.get(variable_name)
            if holder is None:
                holder = holders[variable_name] = simulation.get_holder(variable_name)
            if not holder.variable.is_neutralized:
                storage = holder._memory_storage
                key = _ETERNITY if storage.is_eternal else period
                array = storage._arrays.get(key)
                if array is not None:
                    return array
        return slow_calculate(variable_name, period)

    simulation.calculate = calculate
    return simulation
