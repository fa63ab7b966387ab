"""Counting anonymous events (a search, a page read) with one atomic upsert per event."""

from __future__ import annotations

from datetime import date

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from portal.models import Evenement, StatistiqueJour


def count_event(
    session: Session, *, jour: date, evenement: Evenement, territoire_id: str = "", cle: str = ""
) -> None:
    """Adds one to today's counter; safe when several workers count at the same time."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    table = StatistiqueJour.__table__
    statement = insert(table).values(
        jour=jour, evenement=evenement, territoire_id=territoire_id, cle=cle, nombre=1
    )
    statement = statement.on_conflict_do_update(
        index_elements=["jour", "evenement", "territoire_id", "cle"],
        set_={"nombre": table.c.nombre + 1},
    )
    session.execute(statement)
