"""No overbooking of a workshop: 40 requests fired at once at the last 2 seats of a session get
exactly 2 bookings; the others a 409 "complète". Runs on SQLite, and again on PostgreSQL when
TEST_DATABASE_URL is set (`database` marker, scripts/test.sh)."""

from __future__ import annotations

import threading

from flask import Flask
from sqlalchemy import select

from portal.models import Plage, RendezVous, StatutRendezVous
from portal.rendez_vous.ateliers import cancel_seance, get_seance
from tests.conftest import LUNDI_10H
from tests.integration.rendez_vous.ateliers import place, seance
from tests.integration.rendez_vous.conftest import MSD
from tests.integration.rendez_vous.test_concurrence import CLIENTS
from tests.integration.rendez_vous.test_concurrence import _fire as fire


def test_forty_concurrent_bookings_of_the_last_two_seats_two_win(app: Flask) -> None:
    app.config["RENDEZ_VOUS_LIMITE"] = "10000 per minute"
    seance_id = seance(app, places=5)
    with app.test_client() as client:  # 3 of the 5 seats already taken
        for nom in ("Avant1", "Avant2", "Avant3"):
            assert client.post("/api/v1/rendez-vous", json=place(nom)).status_code == 201
    resultats = fire(app, [place(f"Personne{i}") for i in range(CLIENTS)])
    statuts = sorted(status for status, _ in resultats)
    assert len(resultats) == CLIENTS
    assert statuts.count(201) == 2, statuts
    assert statuts.count(409) == CLIENTS - 2, statuts
    for status, corps in resultats:
        if status == 409:
            assert "complète" in corps["erreurs"]["debut"]
    with app.app_context():
        session = app.extensions["database"].session()
        tenues = session.scalars(
            select(RendezVous.place).where(RendezVous.plage_id == seance_id,
                                           RendezVous.statut == StatutRendezVous.prevu)
        ).all()
        assert sorted(tenues) == [1, 2, 3, 4, 5]


def test_concurrent_bookings_while_the_session_is_cancelled_leave_no_seat_held(
    app: Flask,
) -> None:
    """Bookings racing the cancellation: whatever order, no seat of a cancelled session stays."""
    app.config["RENDEZ_VOUS_LIMITE"] = "10000 per minute"
    seance_id = seance(app, places=30)

    def annule() -> None:
        with app.app_context():
            session = app.extensions["database"].session()
            la_seance = get_seance(session, session.get(Plage, seance_id).reference,
                                   lieux=[MSD])
            assert la_seance is not None
            cancel_seance(session, seance=la_seance, now=LUNDI_10H)

    fil = threading.Thread(target=annule)
    fil.start()
    fire(app, [place(f"Personne{i}") for i in range(10)])
    fil.join(timeout=120)
    with app.app_context():
        session = app.extensions["database"].session()
        tenues = session.scalars(
            select(RendezVous.id).where(RendezVous.plage_id == seance_id,
                                        RendezVous.place.is_not(None))
        ).all()
        assert tenues == []
