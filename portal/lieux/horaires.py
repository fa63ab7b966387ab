"""Today's hours and "ouvert maintenant", computed from OSM opening_hours and French holidays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache

import opening_hours


@dataclass(frozen=True)
class Horaires:
    ouvert_maintenant: bool
    aujourdhui: list[tuple[time, time]]
    prochaine_ouverture: datetime | None


@lru_cache(maxsize=256)
def parse_horaires(expression: str) -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(expression, country="FR")


def horaires(expression: str, maintenant: datetime) -> Horaires:
    """`maintenant` is local time of the place (naive), as opening_hours expects."""
    oh = parse_horaires(expression)
    debut = maintenant.replace(hour=0, minute=0, second=0, microsecond=0)
    fin = debut + timedelta(days=1)
    plages = [
        (start.time(), (end - timedelta(microseconds=1)).time() if end == fin else end.time())
        for start, end, state, _comment in oh.intervals(debut, fin)
        if state == opening_hours.State.OPEN
    ]
    ouvert = oh.is_open(maintenant)
    prochaine = None
    if not ouvert:
        # A place open once a month still gets a date; far beyond that, we say nothing.
        change = oh.next_change(maintenant)
        if change is not None and change - maintenant < timedelta(days=62):
            prochaine = change.replace(tzinfo=None)
    return Horaires(ouvert_maintenant=ouvert, aujourdhui=plages, prochaine_ouverture=prochaine)
