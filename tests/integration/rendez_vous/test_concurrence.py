"""Two people can never hold the same créneau: 40 requests fired at once at one time get exactly
one 201; the others a 409 offering the next free créneaux. Runs on SQLite, and again on
PostgreSQL when TEST_DATABASE_URL is set (`database` marker, scripts/test.sh)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.models import Plage, RendezVous
from tests.integration.rendez_vous.conftest import MARDI_9H, MSD, demande

CLIENTS = 40


def _fire(app: Flask, corps: list[dict]) -> list[tuple[int, dict]]:
    depart = threading.Barrier(len(corps))
    resultats: list[tuple[int, dict]] = []
    verrou = threading.Lock()

    def client(data: dict) -> None:
        with app.test_client() as c:
            depart.wait()
            response = c.post("/api/v1/rendez-vous", json=data)
            with verrou:
                resultats.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=client, args=(data,)) for data in corps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return resultats


def test_forty_concurrent_bookings_of_one_creneau_one_wins(app: Flask, plages: int) -> None:
    app.config["RENDEZ_VOUS_LIMITE"] = "10000 per minute"
    corps = [demande(usager={"nom": f"Personne{i}"}) for i in range(CLIENTS)]
    resultats = _fire(app, corps)
    statuts = sorted(status for status, _ in resultats)
    assert len(resultats) == CLIENTS
    assert statuts.count(201) == 1, statuts
    assert statuts.count(409) == CLIENTS - 1, statuts
    for status, corps_reponse in resultats:
        if status == 409:
            assert corps_reponse["creneaux"], "un 409 propose les créneaux suivants"
            assert MARDI_9H.isoformat() not in [c["debut"] for c in corps_reponse["creneaux"]]
    with app.app_context():
        session = app.extensions["database"].session()
        assert session.scalar(select(func.count()).select_from(RendezVous)) == 1


def test_overlapping_times_of_different_lengths_are_refused_too(
    app: Flask, plages: int
) -> None:
    """RSA (60 min, 9:00) and a 45-min motif at 9:45 overlap in the same plage: one wins."""
    app.config["RENDEZ_VOUS_LIMITE"] = "10000 per minute"
    corps = [
        demande(motif="rsa_orientation", debut="2026-11-26T09:00:00+01:00"),
        demande(debut="2026-11-26T09:45:00+01:00", usager={"nom": "Autre"}),
    ] * 10
    resultats = _fire(app, corps)
    assert sorted(s for s, _ in resultats).count(201) == 1


def test_the_database_itself_refuses_a_second_holder(app: Flask, plages: int) -> None:
    with app.app_context():
        session = app.extensions["database"].session()
        plage = session.scalars(select(Plage).where(Plage.lieu_id == MSD)).first()
        for i in range(2):
            session.add(
                RendezVous(
                    reference=f"REF{i}", uid=f"uid-{i}", jeton_hash=f"h{i}", plage_id=plage.id,
                    lieu_id=MSD, motif_id="premier_rendez_vous_ts", debut=MARDI_9H,
                    fin=MARDI_9H + timedelta(minutes=45), creneau_tenu=MARDI_9H,
                    prenom="A", nom="B", email="a@exemple.fr",
                )
            )
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()
