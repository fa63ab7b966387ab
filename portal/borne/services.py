"""The borne door's public surface: is this device a kiosk, counting what is started at a kiosk,
and the printed tickets (their stored summary, their QR code). Other doors import only this."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, render_template, url_for

from portal.borne.appareil import borne_courante
from portal.borne.tickets import create_ticket, duree, find_ticket, qr_data_url
from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.indicateurs.services import count_event
from portal.models import Borne, Evenement, GenreTicket


def a_une_borne() -> bool:
    """This device is an active kiosk (a valid, unrevoked device cookie)."""
    return has_request_context() and borne_courante() is not None


def count_at_kiosk(evenement: Evenement) -> None:
    """At a kiosk, one more `evenement` for it (anonymous: its number and its lieu's
    territoire), committed; nothing elsewhere."""
    borne = borne_courante() if has_request_context() else None
    if borne is None:
        return
    lieu = current_catalogue().lieux.get(borne.lieu_id)
    count_event(db.session(), jour=maintenant().date(), evenement=evenement,
                territoire_id=lieu.territoire if lieu else "", cle=str(borne.id))
    db.session().commit()


def store_ticket(genre: GenreTicket, contenu: dict[str, Any]) -> str:
    """Stores a ticket's summary (no personal data in it) and commits; returns its token."""
    session = db.session()
    jeton = create_ticket(session, genre=genre, contenu=contenu, now=maintenant(), jours=duree())
    session.commit()
    return jeton


def ticket_contenu(jeton: str) -> dict[str, Any] | None:
    """A stored ticket's summary, while it has not expired."""
    ticket = find_ticket(db.session(), jeton, now=maintenant())
    return ticket.contenu if ticket is not None else None


def ticket_url(jeton: str) -> str:
    """The address the ticket's QR code opens, on the portal's public address."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + url_for("borne.resume", jeton=jeton)


def page_ticket(
    gabarit: str, jeton: str, contenu: dict[str, Any], *, titre: str, legende: str, retour: str
) -> str:
    """A ticket's page (`gabarit` extends borne/ticket.html): its summary, its QR code, and
    the way back."""
    return render_template(
        gabarit, titre=titre, contenu=contenu, qr=qr_data_url(ticket_url(jeton)),
        qr_legende=legende, retour=retour,
    )


__all__ = [
    "Borne",
    "GenreTicket",
    "borne_courante",
    "count_at_kiosk",
    "page_ticket",
    "qr_data_url",
    "store_ticket",
    "ticket_contenu",
    "ticket_url",
]
