"""The expected delay is counted on the accueil's opening hours, holidays included."""

from __future__ import annotations

from datetime import datetime

import pytest

from portal.accueil.delais import echeance_premier_contact

SEMAINE = "Mo-Fr 08:30-12:00,13:30-17:00; PH off"


@pytest.mark.parametrize(
    ("maintenant", "attendu"),
    [
        (datetime(2026, 11, 23, 10, 0), datetime(2026, 11, 23, 11, 0)),  # open: +1 h
        (datetime(2026, 11, 23, 11, 30), datetime(2026, 11, 23, 14, 0)),  # lunch break skipped
        (datetime(2026, 11, 28, 10, 0), datetime(2026, 11, 30, 9, 30)),  # Saturday → Monday
        (datetime(2026, 12, 24, 16, 30), datetime(2026, 12, 28, 9, 0)),  # Christmas skipped
    ],
)
def test_urgent_is_one_opening_hour(maintenant: datetime, attendu: datetime) -> None:
    assert echeance_premier_contact(SEMAINE, maintenant, urgent=True) == attendu


@pytest.mark.parametrize(
    ("maintenant", "attendu"),
    [
        (datetime(2026, 11, 23, 10, 0), datetime(2026, 11, 24, 17, 0)),  # Monday → Tuesday
        (datetime(2026, 11, 27, 18, 0), datetime(2026, 12, 1, 17, 0)),  # Friday evening
        (datetime(2026, 12, 31, 10, 0), datetime(2027, 1, 4, 17, 0)),  # 1 January skipped
    ],
)
def test_normal_is_the_end_of_the_second_opening_day(
    maintenant: datetime, attendu: datetime
) -> None:
    assert echeance_premier_contact(SEMAINE, maintenant, urgent=False) == attendu


def test_a_place_never_open_gives_no_promise() -> None:
    assert echeance_premier_contact("off", datetime(2026, 11, 23, 10, 0), urgent=True) is None
