"""The mandate's rules without a database: status over time, the 3-letter check, durations,
the receipt's token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal.aidants.jetons import SALT, jeton_de
from portal.aidants.mandats import DUREES, lettres_ok, statut
from portal.models import Duree, Mandat

DEBUT = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def _mandat(nom: str = "Lefèvre", duree: Duree = Duree.mois) -> Mandat:
    return Mandat(reference="r", cle="cle-au-hasard", structure_id="msd-evreux",
                  demarches=["simulation"], duree=duree, debut=DEBUT, fin=DEBUT + DUREES[duree],
                  prenom="Rosa", nom=nom, consentement_at=DEBUT)


def test_durations_follow_aidants_connect() -> None:
    assert [DUREES[d].days for d in (Duree.jour, Duree.mois, Duree.semestre, Duree.an)] == [
        1, 31, 182, 365]
    assert DUREES[Duree.visite] == timedelta(hours=3)


def test_status_is_valid_then_expired_and_revoked_wins() -> None:
    mandat = _mandat(duree=Duree.jour)
    assert statut(mandat, DEBUT + timedelta(hours=23)) == "valide"
    assert statut(mandat, DEBUT + timedelta(days=1)) == "expire"
    mandat.revoque_at = DEBUT + timedelta(hours=1)
    assert statut(mandat, DEBUT + timedelta(hours=2)) == "revoque"


@pytest.mark.parametrize(("nom", "lettres", "attendu"), [
    ("Lefèvre", "LEF", True),
    ("Lefèvre", " lef ", True),
    ("Lefèvre", "lefèvre", True),  # more than 3 letters: the first 3 are compared
    ("Lefèvre", "le", False),
    ("Lefèvre", "lex", False),
    ("Ba", "ba", True),  # a 2-letter name: its 2 letters
    ("Ba", "b", False),
])
def test_the_three_letters_check(nom: str, lettres: str, attendu: bool) -> None:
    assert lettres_ok(_mandat(nom), lettres) is attendu


def test_the_token_names_nothing_about_the_person() -> None:
    jeton = jeton_de(_mandat(), "secret-de-test")
    assert "Rosa" not in jeton and "Lef" not in jeton and SALT not in jeton
    assert jeton != jeton_de(_mandat(), "un-autre-secret")
