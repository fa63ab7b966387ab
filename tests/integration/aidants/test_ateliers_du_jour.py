"""The conseiller's home lists today's workshops he created (issue #17, item 5), with the seats
taken; another conseiller's sessions, and his sessions of other days, are not there."""

from __future__ import annotations

from html import unescape
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token
from tests.integration.aidants.conftest import conseiller

ATELIERS = "/agent/rendez-vous/ateliers?lieu=msd-evreux"
REUNION = "reunion_information_rsa"


def _creer(client: FlaskClient, jour: str, heure: str) -> None:
    reponse = client.post(ATELIERS, data={
        "csrf_token": csrf_token(client, ATELIERS), "motif": REUNION, "jour": jour,
        "heure": heure, "places": "3",
    })
    assert reponse.status_code == 302, unescape(reponse.get_data(as_text=True))[:2000]


def test_the_home_lists_todays_workshops_of_the_conseiller(
    app: Flask, client: FlaskClient, make_agent: Any
) -> None:
    conseiller(client, make_agent)
    accueil = unescape(client.get("/agent/aidants/").get_data(as_text=True))
    assert "Aucun atelier créé par vous aujourd'hui." in accueil
    _creer(client, "2026-11-23", "14:00")  # the tests' clock: Monday 23 November, 10:00
    _creer(client, "2026-11-25", "09:30")
    accueil = unescape(client.get("/agent/aidants/").get_data(as_text=True))
    assert "14:00 — Réunion d'information RSA" in accueil
    assert "0 personnes inscrites sur 3 places" in accueil
    assert "09:30" not in accueil

    autre = app.test_client()
    conseiller(autre, make_agent, email="autre@exemple.fr")
    page = unescape(autre.get("/agent/aidants/").get_data(as_text=True))
    assert "Réunion d'information RSA" not in page
    assert "Aucun atelier créé par vous aujourd'hui." in page
