"""Printed tickets: the rendez-vous' and the demande's, their QR code (an opaque token, never
personal data), the stored summary it opens, its expiry and purge; what a kiosk counts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.borne.services import GenreTicket, store_ticket
from portal.models import Borne, StatistiqueJour, Ticket
from tests.conftest import LUNDI_10H, csrf_token, login
from tests.integration.borne.conftest import make_kiosk
from tests.integration.rendez_vous.conftest import plages as plages  # the fixture

COORDONNEES = ("/rendez-vous/coordonnees?code=27229&motif=premier_rendez_vous_ts&lieu=msd-evreux"
               "&debut=2026-11-24T09:00:00%2B01:00")
DEMANDE = {"prenom": "Gisèle", "commune": "Vernon", "contact": "telephone",
           "telephone": "06 98 76 54 31", "email": "", "topic": "logement",
           "message": "Je risque de perdre mon logement.", "consentement": "y"}
QR = re.compile(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Code QR"')


def _reserver(client: FlaskClient) -> None:
    reponse = client.post(COORDONNEES, data={"csrf_token": csrf_token(client, COORDONNEES),
                                             "prenom": "Gérard", "nom": "Lefèvre",
                                             "telephone": "06 98 76 54 32"})
    assert reponse.headers["Location"] == "/rendez-vous/confirme"


def _numero(app: Flask) -> str:
    """The kiosk's number (on PostgreSQL, numbers are not reused from one test to the next)."""
    with app.app_context():
        return str(app.extensions["database"].session().scalars(select(Borne.id)).one())


def _compteurs(app: Flask) -> list[tuple[str, str, str, int]]:
    with app.app_context():
        lignes = app.extensions["database"].session().execute(
            select(StatistiqueJour.evenement, StatistiqueJour.territoire_id,
                   StatistiqueJour.cle, StatistiqueJour.nombre)
            .where(StatistiqueJour.evenement.like("borne_%"))
        )
        return sorted(tuple(ligne) for ligne in lignes)


@pytest.mark.usefixtures("plages")
def test_the_rendez_vous_ticket_at_a_kiosk(app: Flask, make_agent) -> None:  # type: ignore[no-untyped-def]
    kiosque = make_kiosk(app, make_agent)
    assert kiosque.get("/rendez-vous/confirme/ticket").headers["Location"] == "/rendez-vous"
    _reserver(kiosque)
    confirme = kiosque.get("/rendez-vous/confirme").get_data(as_text=True)
    # At a kiosk, printing is the first action of the page, right after the confirmation.
    apres = confirme[confirme.index('class="chapo"'):]
    assert re.search(r'</div>\s*<p class="action-ticket"><a class="bouton" '
                     r'href="/rendez-vous/confirme/ticket\?imprimer=1">Imprimer mon ticket</a>',
                     apres)
    assert ".ics" not in confirme  # an agenda file is useless at a kiosk
    ticket = kiosque.get("/rendez-vous/confirme/ticket?imprimer=1").get_data(as_text=True)
    assert QR.search(ticket) and "data-imprimer" in ticket
    assert "Montrez cet écran" in ticket
    assert "Gérard" not in ticket and "Lefèvre" not in ticket and "98 76" not in ticket
    assert "02 32" in ticket  # the lieu's phone
    assert re.search(r"Référence : [A-Z0-9]{8}", ticket)
    assert _compteurs(app) == [("borne_rendez_vous", "evreux", _numero(app), 1)]
    make_agent(role="admin", email="admin@exemple.fr", territoire=None)
    admin = app.test_client()
    login(admin, "admin@exemple.fr")
    csv = admin.get("/agent/indicateurs.csv").get_data(as_text=True)
    ligne = rf"^evreux;2026-W\d\d;bornes_rendez_vous;{_numero(app)};nombre;1\r?$"
    assert re.search(ligne, csv, re.M), csv
    page = admin.get("/agent/indicateurs").get_data(as_text=True)
    assert "Rendez-vous pris à une borne" in page and f"Borne n° {_numero(app)}" in page
    # Another browser has no ticket to print.
    assert app.test_client().get("/rendez-vous/confirme/ticket").status_code == 302


def test_the_demande_ticket_opens_a_summary_that_expires(
    app: Flask, make_agent
) -> None:  # type: ignore[no-untyped-def]
    kiosque = make_kiosk(app, make_agent)
    kiosque.post("/demande", data={**DEMANDE, "csrf_token": csrf_token(kiosque, "/demande")})
    merci = kiosque.get("/demande/envoyee").get_data(as_text=True)
    assert 'href="/demande/envoyee/ticket?imprimer=1">Imprimer mon ticket' in merci
    ticket = kiosque.get("/demande/envoyee/ticket").get_data(as_text=True)
    assert QR.search(ticket) and "Gisèle" not in ticket and "98 76" not in ticket
    reference = re.search(r"Votre référence : ([A-Z0-9-]+)", ticket)
    assert reference
    assert kiosque.get("/demande/envoyee/ticket").status_code == 200
    with app.app_context():
        session = app.extensions["database"].session()
        tickets = session.scalars(select(Ticket)).all()
        assert len(tickets) == 1  # the same summary when printed again
        assert tickets[0].contenu["reference"] == reference.group(1)
        assert "Gisèle" not in str(tickets[0].contenu)
    assert _compteurs(app) == [("borne_demande", "evreux", _numero(app), 1)]  # its territoire


def test_a_summary_opens_with_its_token_until_it_expires(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context("/"):
        jeton = store_ticket(GenreTicket.demande, {"reference": "ABC-123", "jour": "7 déc.",
                                                   "echeance": None, "lieu": "MSD",
                                                   "telephone": "+33232000000"})
    client = app.test_client()
    page = client.get(f"/t/{jeton}")
    assert page.status_code == 200 and "ABC-123" in page.get_data(as_text=True)
    assert client.get(f"/t/{jeton}x").status_code == 404
    assert client.get("/t/court").status_code == 404
    assert runner.invoke(args=["borne", "purger"]).output.startswith("0 ")
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(days=31)
    assert client.get(f"/t/{jeton}").status_code == 404  # expired
    assert runner.invoke(args=["borne", "purger"]).output.startswith("1 ")


def test_nothing_is_counted_outside_a_kiosk(app: Flask, client: FlaskClient) -> None:
    client.post("/demande", data={**DEMANDE, "csrf_token": csrf_token(client, "/demande")})
    assert _compteurs(app) == []
