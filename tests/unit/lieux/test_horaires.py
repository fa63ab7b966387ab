from __future__ import annotations

from datetime import datetime, time

import pytest

from portal.lieux.horaires import horaires

SEMAINE = "Mo-Fr 08:30-12:00,13:30-17:00; PH off"


@pytest.mark.parametrize(
    ("moment", "ouvert"),
    [
        (datetime(2026, 11, 23, 10, 0), True),  # lundi matin
        (datetime(2026, 11, 23, 12, 30), False),  # pause de midi
        (datetime(2026, 11, 23, 8, 29), False),
        (datetime(2026, 11, 23, 8, 30), True),
        (datetime(2026, 11, 28, 10, 0), False),  # samedi
        (datetime(2026, 12, 25, 10, 0), False),  # Noël, un vendredi
        (datetime(2026, 5, 1, 10, 0), False),  # fête du Travail
    ],
)
def test_open_now(moment: datetime, ouvert: bool) -> None:
    assert horaires(SEMAINE, moment).ouvert_maintenant is ouvert


def test_today_hours_are_the_open_ranges_only() -> None:
    resultat = horaires(SEMAINE, datetime(2026, 11, 23, 7, 0))
    assert resultat.aujourdhui == [(time(8, 30), time(12, 0)), (time(13, 30), time(17, 0))]


def test_a_closed_place_tells_when_it_opens_next() -> None:
    resultat = horaires(SEMAINE, datetime(2026, 11, 27, 18, 0))  # vendredi soir
    assert resultat.prochaine_ouverture == datetime(2026, 11, 30, 8, 30)


def test_no_hours_on_a_public_holiday() -> None:
    assert horaires(SEMAINE, datetime(2026, 12, 25, 9, 0)).aujourdhui == []
