"""Créneaux derived from plages: weekly recurrence, French public holidays, overlaps."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from portal.rendez_vous.creneaux import PARIS, Creneau, Occupation, candidats, is_jour_ferie
from tests.factories import plage as _plage


def test_slots_of_a_morning() -> None:
    slots = candidats([_plage()], duree=timedelta(minutes=45), du=date(2026, 11, 24),
                      au=date(2026, 11, 24))
    assert [s.debut.time() for s in slots] == [time(9), time(9, 45), time(10, 30), time(11, 15)]
    assert slots[0].debut.tzinfo == PARIS


def test_french_public_holidays_come_from_the_library() -> None:
    assert is_jour_ferie(date(2026, 12, 25)) and is_jour_ferie(date(2026, 11, 11))
    assert is_jour_ferie(date(2027, 5, 17))  # Whit Monday, computed, not hand-kept
    slots = candidats([_plage()], duree=timedelta(hours=1), du=date(2026, 12, 21),
                      au=date(2026, 12, 27))
    assert date(2026, 12, 25) not in {s.debut.date() for s in slots}
    assert {s.debut.date() for s in slots} == {date(2026, 12, d) for d in (21, 22, 23, 24)}


def test_every_other_week_and_end_date() -> None:
    plage = _plage(jours=[2], toutes_les_semaines=2, date_fin=date(2026, 12, 31))
    jours = {s.debut.date() for s in candidats([plage], duree=timedelta(hours=3),
                                               du=date(2026, 11, 23), au=date(2027, 1, 31))}
    assert jours == {date(2026, 11, 24), date(2026, 12, 8), date(2026, 12, 22)}


def test_daylight_saving_keeps_wall_clock_times() -> None:
    slots = candidats([_plage(date_debut=date(2027, 3, 1))], duree=timedelta(hours=1),
                      du=date(2027, 3, 30), au=date(2027, 3, 30))
    assert slots[0].debut.isoformat() == "2027-03-30T09:00:00+02:00"


def _creneau(h: int, m: int = 0, minutes: int = 45, plage_id: int = 1) -> Creneau:
    debut = datetime(2026, 11, 24, h, m, tzinfo=PARIS)
    return Creneau(debut, debut + timedelta(minutes=minutes), plage_id)


def test_overlap_with_held_times_and_absences() -> None:
    occupe = Occupation()
    tenu = _creneau(9, 0, 60)
    occupe.tient(1, tenu.debut, tenu.fin)
    occupe.absent(None, datetime(2026, 11, 24, 14, tzinfo=PARIS),
                  datetime(2026, 11, 24, 18, tzinfo=PARIS))
    occupe.trie()
    assert occupe.chevauche(_creneau(9, 45))
    assert not occupe.chevauche(_creneau(10))
    assert not occupe.chevauche(_creneau(9, 0, plage_id=2))
    assert occupe.chevauche(_creneau(15, plage_id=2))  # the whole lieu is closed
