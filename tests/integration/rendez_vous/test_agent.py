"""Agent pages: agenda of a lieu (day, week), statuses, cancel or move with a message, a
rendez-vous for someone calling, no-show rates per motif and lieu; scoped to the agent."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import Notification, RendezVous
from tests.conftest import csrf_token, login
from tests.integration.rendez_vous.conftest import MARDI_9H, book


def _rdv(app: Flask) -> RendezVous:
    with app.app_context():
        return app.extensions["database"].session().scalars(select(RendezVous)).one()


def test_agenda_needs_sign_in(client: FlaskClient) -> None:
    reponse = client.get("/agent/rendez-vous/")
    assert reponse.status_code == 302
    assert reponse.headers["Location"].startswith("/agent/connexion")


def test_agenda_of_the_day_and_week(client: FlaskClient, plages: int, make_agent) -> None:  # type: ignore[no-untyped-def]
    book(client)
    make_agent(territoire="evreux", lieux=("msd-evreux",))
    login(client)
    jour = client.get("/agent/rendez-vous/?lieu=msd-evreux&jour=2026-11-24").get_data(as_text=True)
    assert "Camille Martin" in jour and "09:00" in jour
    semaine = client.get("/agent/rendez-vous/?lieu=msd-evreux&jour=2026-11-23&vue=semaine")
    assert "Camille Martin" in semaine.get_data(as_text=True)
    assert "Agenda des rendez-vous" in client.get("/agent/").get_data(as_text=True)


def test_another_territorys_lieu_is_hidden(client: FlaskClient, plages: int, make_agent) -> None:  # type: ignore[no-untyped-def]
    book(client)
    make_agent(territoire="seine_normandie", lieux=("msd-vernon",))
    login(client)
    assert client.get("/agent/rendez-vous/?lieu=msd-evreux").status_code == 404
    reference = client.application.extensions["database"].session().scalars(
        select(RendezVous.reference)).one()
    assert client.get(f"/agent/rendez-vous/{reference}").status_code == 404


def test_mark_absent_then_the_rate_shows(  # type: ignore[no-untyped-def]
    app: Flask, client: FlaskClient, plages: int, make_agent
) -> None:
    book(client)
    make_agent(lieux=("msd-evreux",))
    app.config["NOW"] = lambda: MARDI_9H + timedelta(hours=2)
    login(client)
    rdv = _rdv(app)
    url = f"/agent/rendez-vous/{rdv.reference}"
    reponse = client.post(url + "/statut", data={"csrf_token": csrf_token(client, url),
                                                 "statut": "absent"})
    assert reponse.status_code == 302
    assert _rdv(app).statut == "absent"
    page = client.get("/agent/rendez-vous/absences").get_data(as_text=True)
    assert "Premier rendez-vous avec un travailleur social" in page
    assert "100 %" in page


def test_status_not_before_the_day(  # type: ignore[no-untyped-def]
    app: Flask, client: FlaskClient, plages: int, make_agent
) -> None:
    book(client)
    make_agent(lieux=("msd-evreux",))
    login(client)
    rdv = _rdv(app)
    url = f"/agent/rendez-vous/{rdv.reference}"
    client.post(url + "/statut", data={"csrf_token": csrf_token(client, url), "statut": "present"})
    assert _rdv(app).statut == "prevu"


def test_cancel_with_a_message_notifies(  # type: ignore[no-untyped-def]
    app: Flask, client: FlaskClient, plages: int, make_agent
) -> None:
    book(client)
    make_agent(lieux=("msd-evreux",))
    login(client)
    rdv = _rdv(app)
    url = f"/agent/rendez-vous/{rdv.reference}"
    client.post(url + "/annuler", data={"csrf_token": csrf_token(client, url),
                                        "message": "Agent malade, nous vous rappelons."})
    rdv = _rdv(app)
    assert rdv.statut == "annule" and rdv.message_usager.startswith("Agent malade")
    with app.app_context():
        modeles = [n.modele for n in app.extensions["database"].session().scalars(
            select(Notification))]
    assert "annulation" in modeles


def test_create_for_a_caller(  # type: ignore[no-untyped-def]
    app: Flask, client: FlaskClient, plages: int, make_agent
) -> None:
    make_agent(lieux=("msd-evreux",))
    login(client)
    page = client.get("/agent/rendez-vous/nouveau?lieu=msd-evreux&motif=dossier_apa")
    assert "Le prochain rendez-vous libre" in page.get_data(as_text=True)
    url = ("/agent/rendez-vous/nouveau/coordonnees?lieu=msd-evreux&motif=dossier_apa"
           "&debut=2026-11-26T09:00:00%2B01:00")
    reponse = client.post(url, data={"csrf_token": csrf_token(client, url), "prenom": "Jean",
                                     "nom": "Durand", "telephone_fixe": "02 32 00 00 00"})
    assert reponse.status_code == 302, reponse.get_data(as_text=True)
    rdv = _rdv(app)
    assert rdv.cree_par == "agent" and rdv.telephone == "+33232000000"
