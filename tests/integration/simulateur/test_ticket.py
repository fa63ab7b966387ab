"""The printed summary of a simulation carries the same "Par où commencer" steps as the results
page, in the same order (issue #18, item 5), and its QR code opens the same summary."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.simulateur.moteur import Engine
from tests.conftest import csrf_token
from tests.integration.simulateur.test_mes_droits import _set_reponses
from tests.integration.simulateur.test_resultats import PERSONA


@pytest.fixture
def api(app: Flask, client: FlaskClient, engine: Engine) -> FlaskClient:
    app.extensions["simulateur"] = engine
    return client


def test_the_ticket_carries_the_steps_of_the_results(api: FlaskClient) -> None:
    _set_reponses(api, PERSONA)
    resultats = unescape(api.get("/mes-droits/resultats").get_data(as_text=True))
    pas = re.findall(r'<li class="premier-pas"[^>]*>\s*<h3>([^<]+)</h3>', resultats)
    assert len(pas) == 3, pas
    token = csrf_token(api, "/mes-droits/resultats")
    assert api.post("/mes-droits/ticket", data={"csrf_token": token}).status_code == 302
    ticket = unescape(api.get("/mes-droits/ticket").get_data(as_text=True))
    liste = ticket[ticket.index('<ol class="ticket-pas">'):]
    assert re.findall(r"<li>([^<]+)</li>", liste)[:3] == pas
    assert 'src="data:image/' in ticket  # the QR code
    with api.session_transaction() as session:
        jeton = session["ticket_simulation"]
    resume = unescape(api.get(f"/t/{jeton}").get_data(as_text=True))
    assert all(texte in resume for texte in pas)
