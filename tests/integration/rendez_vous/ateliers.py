"""Helpers of the workshop tests: a session of a collective motif, and a seat request."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from flask import Flask

from portal.rendez_vous.ateliers import create_seance
from tests.conftest import LUNDI_10H
from tests.integration.rendez_vous.conftest import MSD, demande

REUNION = "reunion_information_rsa"
MERCREDI = date(2026, 11, 25)
MERCREDI_14H = datetime(2026, 11, 25, 14, 0, tzinfo=LUNDI_10H.tzinfo)


def seance(app: Flask, *, places: int = 3, lieu: str = MSD, motif: str = REUNION,
           jour: date = MERCREDI, heure: time = time(14)) -> int:
    with app.app_context():
        session = app.extensions["database"].session()
        plage = create_seance(
            session, catalogue=app.extensions["catalogue"], lieu_id=lieu, motif_id=motif,
            jour=jour, heure=heure, places=places, agent_id=None, now=LUNDI_10H,
        )
        return plage.id


def place(nom: str = "Martin", **changes: Any) -> dict[str, Any]:
    corps = {"motif": REUNION, "debut": MERCREDI_14H.isoformat(), **changes}
    return demande(usager={"nom": nom}, **corps)
