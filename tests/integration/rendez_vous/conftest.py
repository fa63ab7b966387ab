"""Fixtures of the booking door: the demo plages on the test database, and a booking helper."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.lieux.services import sync_referentiel
from portal.rendez_vous.demo import create_demo_plages
from tests.conftest import LUNDI_10H

# Évreux (27229) is in the "evreux" territory, whose MSD is msd-evreux.
EVREUX = "27229"
MSD = "msd-evreux"
MOTIF = "premier_rendez_vous_ts"
# Tuesday 9:00: beyond the 4-hour minimum delay of the motif, in the Tuesday morning plage.
MARDI_9H = datetime(2026, 11, 24, 9, 0, tzinfo=LUNDI_10H.tzinfo)


@pytest.fixture
def plages(app: Flask) -> int:
    with app.app_context():
        session = app.extensions["database"].session()
        sync_referentiel(session, app.extensions["catalogue"])
        nombre = create_demo_plages(
            session, catalogue=app.extensions["catalogue"], today=LUNDI_10H.date()
        )
        session.commit()
        return nombre


def demande(**changes: Any) -> dict[str, Any]:
    corps: dict[str, Any] = {
        "lieu": MSD,
        "motif": MOTIF,
        "debut": MARDI_9H.isoformat(),
        "usager": {"prenom": "Camille", "nom": "Martin", "telephone": "06 12 34 56 78"},
    }
    usager = changes.pop("usager", None)
    if usager is not None:
        corps["usager"] = {**corps["usager"], **usager}
    corps.update(changes)
    return {k: v for k, v in corps.items() if v is not None}


def book(client: FlaskClient, **changes: Any):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/rendez-vous", json=demande(**changes))
