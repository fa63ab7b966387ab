"""What the append-only journals share (the demandes' and the mandates'): the columns of a line,
writing a line, reading a subject's lines, and the ORM's refusal to change or delete one.

The database refuses UPDATE and DELETE too (a trigger on PostgreSQL and on SQLite, from the
migrations). A line holds codes, never texts: `detail` keeps only the values given.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import JSON, ForeignKey, Integer, event, select
from sqlalchemy.orm import Mapped, Session, UOWTransaction, mapped_column
from sqlalchemy.orm.attributes import InstrumentedAttribute

from portal.models.base import utcnow
from portal.models.rendez_vous import Instant


class LigneJournal:
    """The columns of every journal line; the journal adds its subject and its `action`."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(Instant, default=utcnow, index=True)


L = TypeVar("L", bound=LigneJournal)


def ajouter_ligne(
    session: Session, classe: type[L], agent_id: int | None, detail: dict[str, Any], **champs: Any
) -> L:
    """Adds the line to the session: it is written with the change it describes."""
    entree = classe(
        agent_id=agent_id, detail={k: v for k, v in detail.items() if v is not None} or None,
        **champs,
    )
    session.add(entree)
    return entree


def lignes_de(session: Session, sujet: InstrumentedAttribute[int], valeur: int) -> list[Any]:
    """The lines of one subject (`EntreeJournal.demande_id == 3`), oldest first."""
    classe = sujet.class_
    return list(session.scalars(select(classe).where(sujet == valeur).order_by(classe.id)))


def en_ajout_seul(classe: type[LigneJournal], erreur: type[Exception], message: str) -> None:
    """Makes the ORM refuse to change or delete a line of `classe`, one by one or in bulk."""

    @event.listens_for(Session, "before_flush")
    def _refuse_changes(session: Session, _flush: UOWTransaction, _instances: object) -> None:
        for instance in (*session.dirty, *session.deleted):
            if isinstance(instance, classe) and (
                instance in session.deleted or session.is_modified(instance)
            ):
                raise erreur(message)

    @event.listens_for(Session, "do_orm_execute")
    def _refuse_bulk_changes(state: Any) -> None:
        if (state.is_update or state.is_delete) and any(
            mapper.class_ is classe for mapper in state.all_mappers
        ):
            raise erreur(message)
