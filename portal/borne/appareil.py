"""The kiosk a device is: a signed cookie carries the kiosk's random uid, the database says
whether that kiosk still exists. A forged, unknown or revoked cookie is ignored: normal mode.

The cookie is signed with the app's secret (itsdangerous); it holds nothing else. It lives a
year: a kiosk stays a kiosk until an admin revokes it.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from flask import Flask, current_app, g, has_request_context, request
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from portal.extensions import db
from portal.models import Borne

COOKIE = "borne"
SEL = "bonne-porte.borne"
DUREE_COOKIE = 365 * 24 * 3600
AVERTISSEMENT_SECONDES = 30  # the warning lets at least 20 s to continue (WCAG 2.2.1)


def _signeur() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SEL)


def borne_courante() -> Borne | None:
    """The active kiosk this device is, read once per request; None in normal mode, and outside
    a request (a reminder's SMS rendered by the job is never "at a kiosk")."""
    if not has_request_context():
        return None
    if "borne" in g:
        return g.borne
    g.borne = None
    valeur = request.cookies.get(COOKIE)
    if valeur:
        try:
            uid = _signeur().loads(valeur)
        except BadSignature:
            uid = None
        if isinstance(uid, str):
            borne = db.session().scalar(select(Borne).where(Borne.uid == uid))
            g.borne = borne if borne is not None and borne.active else None
    return g.borne


def create_borne(session: Session, *, lieu_id: str, nom: str, agent_id: int | None) -> Borne:
    borne = Borne(uid=secrets.token_hex(16), reference=secrets.token_urlsafe(9), lieu_id=lieu_id,
                  nom=nom, creee_par_id=agent_id)
    session.add(borne)
    session.flush()
    return borne


def revoke_borne(session: Session, reference: str, *, now: datetime) -> Borne | None:
    borne = session.scalar(select(Borne).where(Borne.reference == reference))
    if borne is not None and borne.revoquee_at is None:
        borne.revoquee_at = now.astimezone(UTC)
    return borne


def list_bornes(session: Session) -> list[Borne]:
    return list(session.scalars(select(Borne).order_by(Borne.revoquee_at.is_not(None), Borne.id)))


def set_cookie(response: Response, borne: Borne) -> None:
    response.set_cookie(
        COOKIE,
        _signeur().dumps(borne.uid),
        max_age=DUREE_COOKIE,
        httponly=True,
        samesite="Lax",
        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
    )


def _contexte() -> dict[str, object]:
    borne = borne_courante()
    if borne is None:
        return {"borne": None}
    config = current_app.config
    return {
        "borne": borne,
        "borne_inactivite": int(config["BORNE_INACTIVITE_SECONDES"]),
        "borne_avertissement": max(20, int(config.get("BORNE_AVERTISSEMENT_SECONDES",
                                                      AVERTISSEMENT_SECONDES))),
    }


def init_app(app: Flask) -> None:
    app.context_processor(_contexte)
