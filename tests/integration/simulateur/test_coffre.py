"""At a shared kiosk, the answers kept between pages can be neither read from the cookie nor
found again 30 minutes after the person left."""

from __future__ import annotations

import json
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from portal.simulateur.coffre import DUREE_INACTIVITE, ouvrir, sceller
from tests.conftest import LUNDI_10H, csrf_token

SALAIRE = "1987"
DEBUT = [
    ("commune", {"reponse": "Évreux"}),
    ("naissance", {"reponse-jour": "2", "reponse-mois": "4", "reponse-annee": "1985"}),
    ("activite", {"reponse": "salarie"}),
    ("salaire", {"reponse": SALAIRE}),
]


def _answer(client: FlaskClient, etapes: list[tuple[str, dict[str, str]]]) -> None:
    token = csrf_token(client, "/mes-droits/commune")
    for etape, donnees in etapes:
        response = client.post(f"/mes-droits/{etape}", data={**donnees, "csrf_token": token})
        assert response.status_code == 302, etape


def _session(app: Flask, client: FlaskClient) -> tuple[str, dict[str, object]]:
    """The cookie as the browser keeps it, and what anyone can decode from it (it is signed,
    not encrypted)."""
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    if cookie is None:  # an empty session is no cookie at all
        return "", {}
    decode = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    return cookie.value, decode


def _at(app: Flask, minutes: float) -> None:
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=minutes)


def test_cookie_does_not_show_the_answers(app: Flask, client: FlaskClient) -> None:
    _answer(client, DEBUT)
    brut, session = _session(app, client)
    assert "simulateur" in session
    visible = brut + json.dumps(session, ensure_ascii=False)
    for reponse in (SALAIRE, "salarie", "27229", "1985"):
        assert reponse not in visible
    # The server still reads them: the page shows the amount typed.
    assert f'value="{SALAIRE}"' in client.get("/mes-droits/salaire").get_data(as_text=True)


def test_answers_are_forgotten_after_30_minutes_without_activity(
    app: Flask, client: FlaskClient
) -> None:
    _answer(client, DEBUT)
    _at(app, 25)  # a page within 30 minutes keeps them, and restarts the count
    assert f'value="{SALAIRE}"' in client.get("/mes-droits/salaire").get_data(as_text=True)
    _at(app, 50)  # 25 minutes after the last page
    assert f'value="{SALAIRE}"' in client.get("/mes-droits/salaire").get_data(as_text=True)
    _at(app, 50 + DUREE_INACTIVITE / 60 + 1)
    page = client.get("/mes-droits/salaire").get_data(as_text=True)
    assert SALAIRE not in page
    assert client.get("/mes-droits/resultats").headers["Location"] == "/mes-droits/commune"
    _, session = _session(app, client)
    assert "simulateur" not in session


def test_a_token_from_another_key_or_altered_is_no_answer(app: Flask) -> None:
    instant = LUNDI_10H.timestamp()
    secret = "s" * 40
    jeton = sceller({"salaire": 1987.0}, secret=secret, instant=instant)
    assert ouvrir(jeton, secret=secret, instant=instant) == {"salaire": 1987.0}
    assert ouvrir(jeton, secret="t" * 40, instant=instant) is None
    assert ouvrir(jeton[:-4] + "AAAA", secret=secret, instant=instant) is None
    assert ouvrir({"salaire": 1987.0}, secret=secret, instant=instant) is None  # old cookies
    assert ouvrir("é", secret=secret, instant=instant) is None


def test_an_old_plain_cookie_is_dropped_not_shown(app: Flask, client: FlaskClient) -> None:
    with client.session_transaction() as session:
        session["simulateur"] = {"commune": "27229", "salaire": 1987.0}
    assert "1987" not in client.get("/mes-droits/salaire").get_data(as_text=True)
    _, session = _session(app, client)
    assert "simulateur" not in session
