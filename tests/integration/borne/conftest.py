from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token, login

MSD = "msd-evreux"


def make_kiosk(app: Flask, make_agent, email: str = "borne@exemple.fr") -> FlaskClient:  # type: ignore[no-untyped-def]
    """A browser an accueil agent turned into a kiosk of the MSD of Évreux."""
    make_agent(email=email, lieux=(MSD,))
    client = app.test_client()
    login(client, email)
    token = csrf_token(client, "/agent/borne")
    reponse = client.post("/agent/borne", data={"lieu": MSD, "nom": "Borne de l'entrée",
                                                 "csrf_token": token})
    assert reponse.status_code == 302, reponse.get_data(as_text=True)
    return client
