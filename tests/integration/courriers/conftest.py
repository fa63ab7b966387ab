from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode

import pytest
from flask import Flask
from sqlalchemy import func, select

from portal.courriers.signature import Parametres, sign_parametres, signing_keys
from portal.models import AvisCourrier, StatistiqueJour

Signe = Callable[..., str]


@pytest.fixture
def signe(app: Flask) -> Signe:
    """The query string a QR code would carry, signed with the app's key."""

    def _signe(code: str, echeance: date | None = None, lieu: str | None = None) -> str:
        query = sign_parametres(
            code, Parametres(echeance=echeance, lieu=lieu), keys=signing_keys(app.config)
        )
        return urlencode(query)

    return _signe


def compteurs(app: Flask, evenement: str) -> dict[tuple[str, str], int]:
    """(code, territory) → count, for one event name."""
    with app.app_context():
        session = app.extensions["database"].session()
        table = StatistiqueJour
        rows = session.execute(
            select(table.cle, table.territoire_id, table.nombre).where(
                table.evenement == evenement
            )
        )
        return {(cle, territoire): nombre for cle, territoire, nombre in rows}


def avis_stockes(app: Flask) -> list[AvisCourrier]:
    with app.app_context():
        session = app.extensions["database"].session()
        return list(session.scalars(select(AvisCourrier).order_by(AvisCourrier.id)))


def nombre_avis(app: Flask) -> int:
    with app.app_context():
        session = app.extensions["database"].session()
        return int(session.scalar(select(func.count()).select_from(AvisCourrier)) or 0)
