"""The demandes' journal: who read or changed what, and when. Append-only.

The database refuses UPDATE and DELETE (a trigger on PostgreSQL and on SQLite, from the
migration); the ORM refuses them too, before they reach the database. It holds codes, not
texts: the reference of the demande, the action, and ids or codes in `detail`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, Session, UOWTransaction, mapped_column

from portal.models.base import Base, utcnow
from portal.models.choix import Choix
from portal.models.rendez_vous import Instant


class Action(Choix):
    creation = "creation", _l("Demande reçue")
    lecture = "lecture", _l("Lecture")
    prise_en_charge = "prise_en_charge", _l("Prise en charge")
    reponse = "reponse", _l("Réponse sur le chat")
    note = "note", _l("Note ajoutée")
    appel = "appel", _l("Appel")
    rendez_vous = "rendez_vous", _l("Rendez-vous pris")
    orientation = "orientation", _l("Orientation")
    fiche = "fiche", _l("Fiche de liaison")
    statut = "statut", _l("Statut changé")
    non_recours = "non_recours", _l("Cause du non-recours")
    reassignation = "reassignation", _l("Transmission")
    close = "close", _l("Close")
    reouverture = "reouverture", _l("Rouverte")
    purge = "purge", _l("Données personnelles effacées")


class JournalModifie(Exception):
    """Someone tried to change or delete a line of the journal."""


class EntreeJournal(Base):
    __tablename__ = "journal_demandes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    demande_id: Mapped[int] = mapped_column(ForeignKey("demandes.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    action: Mapped[Action] = mapped_column(String(30))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(Instant, default=utcnow, index=True)


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    for instance in (*session.dirty, *session.deleted):
        if isinstance(instance, EntreeJournal) and (
            instance in session.deleted or session.is_modified(instance)
        ):
            raise JournalModifie("le journal des demandes ne se modifie pas")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: Any) -> None:
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is EntreeJournal for mapper in state.all_mappers
    ):
        raise JournalModifie("le journal des demandes ne se modifie pas")
