"""Collective motifs (workshops, information meetings): sessions with seats, booked through the
same API as a rendez-vous; a full, past or cancelled session is refused with a clear message."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.models import Notification, Plage, RendezVous, StatutRendezVous
from portal.rendez_vous.ateliers import cancel_seance, get_seance
from portal.rendez_vous.erreurs import DemandeInvalide, ModificationImpossible
from portal.rendez_vous.services import can_move, cancel_rendez_vous, move_rendez_vous
from tests.conftest import LUNDI_10H
from tests.integration.rendez_vous.ateliers import MERCREDI, MERCREDI_14H, REUNION, place, seance
from tests.integration.rendez_vous.conftest import MOTIF, MSD

CRENEAUX = f"/api/v1/creneaux?lieu={MSD}&motif={REUNION}&du=2026-11-25&au=2026-11-25"


def test_motifs_say_which_are_collective(client: FlaskClient) -> None:
    motifs = {m["id"]: m for m in client.get("/api/v1/motifs").get_json()}
    assert motifs[REUNION]["collectif"] is True
    assert motifs[REUNION]["places"] == 20
    assert motifs["atelier_messagerie"]["collectif"] is True
    assert motifs["atelier_messagerie"]["nom"] == "Atelier numérique : utiliser sa messagerie"
    assert motifs[MOTIF]["collectif"] is False
    assert motifs[MOTIF]["places"] is None


def test_creneaux_give_the_seats_left_of_each_session(
    app: Flask, client: FlaskClient, plages: int
) -> None:
    seance(app, places=3)
    assert client.get(CRENEAUX).get_json() == [{
        "debut": "2026-11-25T14:00:00+01:00", "fin": "2026-11-25T15:30:00+01:00",
        "places_restantes": 3,
    }]
    assert client.post("/api/v1/rendez-vous", json=place()).status_code == 201
    assert client.get(CRENEAUX).get_json()[0]["places_restantes"] == 2
    individuels = client.get(f"/api/v1/creneaux?lieu={MSD}&motif={MOTIF}&du=2026-11-24"
                             "&au=2026-11-24").get_json()
    assert individuels and all("places_restantes" not in c for c in individuels)


def test_a_full_session_is_a_409_in_the_request_language(
    app: Flask, client: FlaskClient, plages: int
) -> None:
    seance(app, places=3)
    for nom in ("Martin", "Durand", "Petit"):
        reponse = client.post("/api/v1/rendez-vous", json=place(nom))
        assert reponse.status_code == 201, reponse.get_json()
    assert client.get(CRENEAUX).get_json() == []  # a full session is no longer offered
    complet = client.post("/api/v1/rendez-vous", json=place("Leroy"))
    assert complet.status_code == 409
    assert "Cette séance est complète" in complet.get_json()["erreurs"]["debut"]
    # The next sessions with a seat: the demo's weekly meeting at this MSD.
    suivants = complet.get_json()["creneaux"]
    assert suivants[0]["debut"] == "2026-11-30T14:00:00+01:00"
    assert suivants[0]["places_restantes"] == 20
    anglais = client.post("/api/v1/rendez-vous", json=place("Leroy"),
                          headers={"Accept-Language": "en"})
    assert anglais.status_code == 409
    assert anglais.get_json()["erreurs"]["debut"].startswith("This session is full")
    with app.app_context():
        session = app.extensions["database"].session()
        places = session.scalars(select(RendezVous.place).order_by(RendezVous.place)).all()
        assert places == [1, 2, 3]
        assert session.scalar(select(func.count()).select_from(RendezVous)
                              .where(RendezVous.creneau_tenu.is_not(None))) == 0


def test_a_cancelled_seat_frees_it_and_a_seat_is_never_moved(
    app: Flask, client: FlaskClient
) -> None:
    seance(app, places=1)
    assert client.post("/api/v1/rendez-vous", json=place("Martin")).status_code == 201
    assert client.post("/api/v1/rendez-vous", json=place("Durand")).status_code == 409
    with app.test_request_context():
        session = app.extensions["database"].session()
        catalogue = app.extensions["catalogue"]
        rdv = session.scalar(select(RendezVous))
        assert not can_move(rdv, catalogue.motifs[REUNION], now=LUNDI_10H)
        with pytest.raises(ModificationImpossible, match="ne se déplace pas"):
            move_rendez_vous(session, catalogue=catalogue, rdv=rdv, par_agent=True,
                             debut=MERCREDI_14H + timedelta(days=7), now=LUNDI_10H)
        cancel_rendez_vous(session, catalogue=catalogue, rdv=rdv, now=LUNDI_10H)
        assert rdv.place is None
    assert client.get(CRENEAUX).get_json()[0]["places_restantes"] == 1
    assert client.post("/api/v1/rendez-vous", json=place("Durand")).status_code == 201


def test_a_past_session_is_refused(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        session = app.extensions["database"].session()
        session.add(Plage(lieu_id=MSD, motifs=[REUNION], jours=[5], heure_debut=time(14),
                          heure_fin=time(15, 30), date_debut=date(2026, 11, 20),
                          date_fin=date(2026, 11, 20), places=10))
        session.commit()
    reponse = client.post("/api/v1/rendez-vous",
                          json=place(debut="2026-11-20T14:00:00+01:00"))
    assert reponse.status_code == 422
    assert "Cette date est passée" in reponse.get_json()["erreurs"]["debut"]


def test_a_cancelled_session_is_refused_and_its_people_are_told(
    app: Flask, client: FlaskClient
) -> None:
    seance_id = seance(app, places=5)
    assert client.post("/api/v1/rendez-vous", json=place("Martin")).status_code == 201
    with app.app_context():
        session = app.extensions["database"].session()
        la_seance = get_seance(session, session.get(Plage, seance_id).reference,
                               lieux=[MSD])
        assert la_seance is not None and la_seance.prises == 1
        prevenus = cancel_seance(session, seance=la_seance, now=LUNDI_10H, message="Salle fermée")
        assert len(prevenus) == 1
        rdv = session.get(RendezVous, prevenus[0])
        assert rdv.statut == StatutRendezVous.annule and rdv.place is None
        assert rdv.message_usager == "Salle fermée"
        modeles = {n.modele for n in session.scalars(select(Notification))}
        assert "annulation" in modeles
    reponse = client.post("/api/v1/rendez-vous", json=place("Durand"))
    assert reponse.status_code == 422
    assert "Cette séance est annulée" in reponse.get_json()["erreurs"]["debut"]
    assert client.get(CRENEAUX).get_json() == []


def test_the_database_itself_refuses_a_second_holder_of_a_seat(app: Flask) -> None:
    seance_id = seance(app, places=2)
    with app.app_context():
        session = app.extensions["database"].session()
        for i in range(2):
            session.add(RendezVous(
                reference=f"REF{i}", uid=f"uid-{i}", jeton_hash=f"h{i}", plage_id=seance_id,
                lieu_id=MSD, motif_id=REUNION, debut=MERCREDI_14H,
                fin=MERCREDI_14H + timedelta(minutes=90), place=1,
                prenom="A", nom="B", email="a@exemple.fr",
            ))
        with pytest.raises(IntegrityError):
            session.commit()
        session.rollback()


@pytest.mark.parametrize(
    ("changes", "champ", "message"),
    [
        ({"motif": MOTIF}, "motif", "Choisissez un atelier"),
        ({"lieu": "fs-beuzeville"}, "motif", "ne propose pas cet atelier"),
        ({"places": 0}, "places", "entre 1 et 500"),
        ({"jour": date(2026, 11, 20)}, "jour", "passée"),
        ({"jour": date(2026, 12, 25)}, "jour", "férié"),
        ({"heure": time(23, 30)}, "heure", "même jour"),
    ],
)
def test_a_session_that_cannot_be_is_refused_with_its_reason(
    app: Flask, changes: dict, champ: str, message: str
) -> None:
    with app.app_context(), pytest.raises(DemandeInvalide) as exc:
        seance(app, **changes)
    assert message in exc.value.erreurs[champ]


def test_the_demo_holds_sessions_in_the_coming_weeks(client: FlaskClient, plages: int) -> None:
    ateliers = client.get("/api/v1/creneaux?lieu=fs-pacy-sur-eure&motif=atelier_messagerie"
                          "&du=2026-11-23&au=2027-01-10").get_json()
    assert len(ateliers) >= 4
    assert ateliers[0] == {"debut": "2026-12-02T14:00:00+01:00",
                           "fin": "2026-12-02T16:00:00+01:00", "places_restantes": 8}
    reunions = client.get(f"/api/v1/creneaux?lieu={MSD}&motif={REUNION}"
                          "&du=2026-11-23&au=2027-01-10").get_json()
    assert len(reunions) >= 4 and reunions[0]["places_restantes"] == 20
    assert MERCREDI not in [r["debut"][:10] for r in reunions]
