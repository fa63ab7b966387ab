"""Fixtures of the aidants door: a signed-in conseiller numérique and a mandate of his."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token, login

NOUVEAU = "/agent/aidants/mandats/nouveau"


@pytest.fixture(autouse=True)
def _fermer_la_session(app: Flask) -> Iterator[None]:
    """The tests read the database after the last request: the session is closed before the
    engine is disposed (on PostgreSQL an open connection would be left to the collector)."""
    yield
    app.extensions["database"].session.remove()


def conseiller(
    client: FlaskClient, make_agent: Any, *, structure: str = "msd-evreux",
    email: str = "conseiller@exemple.fr",
) -> None:
    make_agent(role="conseiller_numerique", email=email, structure=structure,
               lieux=("msd-evreux",))
    assert login(client, email=email).status_code == 302


def record(client: FlaskClient, **champs: Any) -> Any:
    data: dict[str, Any] = {
        "demarches": ["rendez_vous", "simulation"], "duree": "mois", "prenom": "Rosa",
        "nom": "Lefèvre", "contact": "", "texte_lu": "y", **champs,
    }
    data["csrf_token"] = csrf_token(client, NOUVEAU)
    return client.post(NOUVEAU, data=data)


def reference(reponse: Any) -> str:
    """The mandate's reference, from the redirect to its receipt."""
    match = re.search(r"/agent/aidants/mandats/([^/]+)/recu", reponse.headers["Location"])
    assert match, reponse.headers.get("Location")
    return match.group(1)
