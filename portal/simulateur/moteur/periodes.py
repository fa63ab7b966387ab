"""Memoised period arithmetic for openfisca-core.

A warm simulation spends a good share of its time re-computing the same `Instant.offset`,
`Period.stop`, `Period.contains`… (pendulum date arithmetic) for the same few hundred periods.
Instants and periods are immutable tuples and these methods are pure, so remembering their
results changes no value, only the time. Installed once per process by the engine.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from openfisca_core.periods import instant_, period_

_METHODES_PERIODE = ("offset", "contains", "get_subperiods", "intersection", "__str__")
_PROPRIETES_PERIODE = (
    "unit",
    "start",
    "size",
    "stop",
    "date",
    "days",
    "size_in_months",
    "size_in_days",
    "last_month",
    "last_3_months",
    "last_year",
    "n_2",
    "this_year",
    "first_month",
)
_lock = threading.Lock()
_installed = False


def _memo_method(function: Callable[..., Any]) -> Callable[..., Any]:
    cache: dict[tuple[Any, ...], Any] = {}

    @functools.wraps(function)
    def wrapper(self: Any, *args: Any) -> Any:
        key = (self, *args)
        try:
            result = cache[key]
        except KeyError:
            result = cache[key] = function(self, *args)
        except TypeError:  # an unhashable argument: compute, do not remember
            return function(self, *args)
        # get_subperiods returns a list: hand out a copy so no caller can alter the cache.
        return list(result) if isinstance(result, list) else result

    return wrapper


def _memo_property(getter: Callable[[Any], Any]) -> property:
    cache: dict[Any, Any] = {}

    @functools.wraps(getter)
    def wrapper(self: Any) -> Any:
        try:
            return cache[self]
        except KeyError:
            result = cache[self] = getter(self)
            return result

    return property(wrapper)


def install() -> None:
    """Idempotent; the caches stay small (a few thousand periods per process)."""
    global _installed
    with _lock:
        if _installed:
            return
        instant_.Instant.offset = _memo_method(instant_.Instant.offset)
        for name in _METHODES_PERIODE:
            setattr(period_.Period, name, _memo_method(getattr(period_.Period, name)))
        for name in _PROPRIETES_PERIODE:
            setattr(period_.Period, name, _memo_property(getattr(period_.Period, name).fget))
        _installed = True
