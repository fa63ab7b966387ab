"""Printed tickets: the QR code, and the summary it opens on the person's own phone.

A summary (a simulation's aids, a demande's reference) is stored under the hash of an opaque
random token; the token is in the QR code and nowhere else (the person's session keeps it to
print again). It expires after `TICKETS_JOURS` days and `flask borne purger` deletes it.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import qrcode
import qrcode.constants
from flask import current_app
from qrcode.image.svg import SvgPathFillImage
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from portal.models import GenreTicket, Ticket

TICKETS_JOURS = 30


def _hash(jeton: str) -> str:
    return hashlib.sha256(jeton.encode()).hexdigest()


def duree() -> timedelta:
    return timedelta(days=int(current_app.config.get("TICKETS_JOURS", TICKETS_JOURS)))


def create_ticket(
    session: Session, *, genre: GenreTicket, contenu: dict[str, Any], now: datetime,
    jours: timedelta,
) -> str:
    """Stores the summary; returns its token (shown only in the QR code)."""
    jeton = secrets.token_urlsafe(12)
    now = now.astimezone(UTC)  # SQLite keeps the wall time: always UTC in the table
    session.add(Ticket(jeton_hash=_hash(jeton), genre=genre, contenu=contenu,
                       created_at=now, expire_at=now + jours))
    session.flush()
    return jeton


def find_ticket(session: Session, jeton: str, *, now: datetime) -> Ticket | None:
    if not 8 <= len(jeton) <= 64:
        return None
    ticket = session.scalar(select(Ticket).where(Ticket.jeton_hash == _hash(jeton)))
    if ticket is None:
        return None
    expire = ticket.expire_at
    if expire.tzinfo is None:  # SQLite gives naive UTC back
        expire = expire.replace(tzinfo=UTC)
    return ticket if expire > now else None


def purge_tickets(session: Session, *, now: datetime) -> int:
    resultat = session.execute(delete(Ticket).where(Ticket.expire_at <= now.astimezone(UTC)))
    return int(getattr(resultat, "rowcount", 0) or 0)


def qr_data_url(adresse: str) -> str:
    """An SVG QR code as a data: URL, for an <img> (the CSP allows data: images)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(adresse)
    code.make(fit=True)
    svg = code.make_image(image_factory=SvgPathFillImage).to_string(encoding="utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
