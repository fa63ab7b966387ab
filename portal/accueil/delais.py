"""An honest expected delay: the service level counted on the accueil's opening hours.

Urgent: first contact within 1 opening hour. Otherwise: by the end of the 2nd opening day.
Both come from configuration (`DELAI_URGENT_MINUTES`, `DELAI_NORMAL_JOURS`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import opening_hours

from portal.lieux.services import parse_horaires

HORIZON = timedelta(days=31)


def echeance_premier_contact(
    expression: str, maintenant: datetime, *, urgent: bool, minutes_urgent: int = 60,
    jours_normal: int = 2,
) -> datetime | None:
    """Local naive time by which someone should have answered, or None if never open."""
    oh: opening_hours.OpeningHours = parse_horaires(expression)
    ouverts = [
        (max(debut, maintenant), fin)
        for debut, fin, etat, _ in oh.intervals(maintenant, maintenant + HORIZON)
        if etat == opening_hours.State.OPEN and fin > maintenant
    ]
    if urgent:
        reste = timedelta(minutes=minutes_urgent)
        for debut, fin in ouverts:
            if fin - debut >= reste:
                return debut + reste
            reste -= fin - debut
        return None
    jours: dict[object, datetime] = {}
    for _debut, fin in ouverts:
        jours[fin.date()] = fin
    dates = sorted(jours)
    if len(dates) < jours_normal:
        return None
    return jours[dates[jours_normal - 1]]


def prochaine_ouverture(expression: str, maintenant: datetime) -> datetime | None:
    """Local naive time the accueil is next open: `maintenant` itself when open now; None when
    it does not open within a month."""
    oh: opening_hours.OpeningHours = parse_horaires(expression)
    for debut, fin, etat, _ in oh.intervals(maintenant, maintenant + HORIZON):
        if etat == opening_hours.State.OPEN and fin > maintenant:
            return max(debut, maintenant)
    return None
