"""A citizen books a workshop seat without an account through the usual pages: the sessions say
their seats left in words (plural rules of fr, en and ar), a full session refuses cleanly."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.models import Plage
from portal.rendez_vous.ateliers import cancel_seance, get_seance
from tests.conftest import LUNDI_10H, csrf_token
from tests.integration.rendez_vous.ateliers import REUNION, place, seance

CRENEAU = f"/rendez-vous/creneau?code=27229&motif={REUNION}&lieu=msd-evreux&semaine=2026-11-23"
COORDONNEES = (f"/rendez-vous/coordonnees?code=27229&motif={REUNION}&lieu=msd-evreux"
               "&debut=2026-11-25T14:00:00%2B01:00")
CONTACT = {"prenom": "Léa", "nom": "Petit", "telephone": "0611223344", "email": ""}


@pytest.mark.parametrize(
    ("places", "langue", "texte"),
    [
        (3, "fr", "3 places restantes"),
        (1, "fr", "1 place restante"),
        (3, "en", "3 seats left"),
        (1, "en", "1 seat left"),
        (3, "ar", "3 أماكن متبقية"),  # Arabic: 3 to 10 take the plural
        (2, "ar", "مكانان متبقيان"),  # the dual, without the figure
        (11, "ar", "11 مكانًا متبقيًا"),  # 11 to 99: singular, accusative
    ],
)
def test_the_sessions_say_their_seats_left_in_words(
    app: Flask, client: FlaskClient, places: int, langue: str, texte: str
) -> None:
    seance(app, places=places)
    page = client.get(CRENEAU, headers={"Accept-Language": langue}).get_data(as_text=True)
    assert texte in page


def test_the_page_names_a_session_not_a_time(app: Flask, client: FlaskClient) -> None:
    seance(app, places=3)
    page = client.get(CRENEAU).get_data(as_text=True)
    assert "<h1>Choisir la séance</h1>" in page
    assert "vous réservez une place" in page


def test_a_seat_booked_through_the_pages(app: Flask, client: FlaskClient) -> None:
    seance(app, places=3)
    reponse = client.post(COORDONNEES, data={"csrf_token": csrf_token(client, COORDONNEES),
                                             **CONTACT})
    assert reponse.headers["Location"] == "/rendez-vous/confirme"
    page = client.get("/rendez-vous/confirme").get_data(as_text=True)
    assert "Place confirmée" in page
    assert "mercredi 25 novembre 2026, 14:00" in page
    assert "2 places restantes" in client.get(CRENEAU).get_data(as_text=True)


def test_a_full_session_refuses_cleanly_on_the_page(
    app: Flask, client: FlaskClient, plages: int
) -> None:
    seance(app, places=1)
    assert client.post("/api/v1/rendez-vous", json=place("Martin")).status_code == 201
    reponse = client.post(COORDONNEES, data={"csrf_token": csrf_token(client, COORDONNEES),
                                             **CONTACT})
    assert reponse.status_code == 409
    page = reponse.get_data(as_text=True)
    assert "Cette séance est complète" in page
    assert 'name="debut" value="2026-11-30T14:00:00+01:00" checked' in page
    assert "20 places restantes" in page
    assert 'value="Léa"' in page


def test_a_cancelled_session_refuses_on_the_page(
    app: Flask, client: FlaskClient, plages: int
) -> None:
    seance_id = seance(app, places=3)
    with app.app_context():
        session = app.extensions["database"].session()
        reference = session.get(Plage, seance_id).reference
        la_seance = get_seance(session, reference, lieux=["msd-evreux"])
        assert la_seance is not None
        cancel_seance(session, seance=la_seance, now=LUNDI_10H)
    reponse = client.post(COORDONNEES, data={"csrf_token": csrf_token(client, COORDONNEES),
                                             **CONTACT})
    assert reponse.status_code == 422
    assert "Cette séance est annulée" in reponse.get_data(as_text=True)


def test_a_past_session_refuses_on_the_page(app: Flask, client: FlaskClient) -> None:
    seance(app, places=3)
    url = COORDONNEES.replace("2026-11-25", "2026-11-18")
    reponse = client.post(url, data={"csrf_token": csrf_token(client, url), **CONTACT})
    assert 400 <= reponse.status_code < 500
    assert "Cette date est passée" in reponse.get_data(as_text=True)
