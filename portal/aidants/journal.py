"""The mandates' journal: who did what, under which mandate, when. Append-only (the database
refuses UPDATE and DELETE). It holds codes and references, never the person's name or contact."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import ActionMandat, Agent, EntreeJournalMandat, Mandat


def journaliser(
    session: Session, mandat: Mandat, agent: Agent | None, action: ActionMandat, **detail: Any
) -> EntreeJournalMandat:
    entree = EntreeJournalMandat(
        mandat_id=mandat.id,
        structure_id=mandat.structure_id,
        agent_id=agent.id if agent else None,
        action=action,
        detail={k: v for k, v in detail.items() if v is not None} or None,
    )
    session.add(entree)
    return entree


def journal_du_mandat(session: Session, mandat: Mandat) -> list[EntreeJournalMandat]:
    query = select(EntreeJournalMandat).where(EntreeJournalMandat.mandat_id == mandat.id)
    return list(session.scalars(query.order_by(EntreeJournalMandat.id)))
