"""The current time, in the département's time zone. Tests may set `NOW` to freeze it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app


def maintenant() -> datetime:
    """Aware local time; `app.config["NOW"]`, when set, is a callable returning it."""
    fixe = current_app.config.get("NOW")
    if fixe is not None:
        return fixe()
    return datetime.now(ZoneInfo(current_app.config.get("TIMEZONE", "Europe/Paris")))


def maintenant_local() -> datetime:
    """Naive local time, the form opening_hours expects."""
    return maintenant().replace(tzinfo=None)


def en_local(moment: datetime) -> datetime:
    """A stored instant as naive local time. SQLite gives back naive UTC; PostgreSQL aware."""
    from datetime import UTC

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    zone = ZoneInfo(current_app.config.get("TIMEZONE", "Europe/Paris"))
    return moment.astimezone(zone).replace(tzinfo=None)

