"""Writing to the demandes' journal: one line per read of personal data and per change.

The line holds codes (action, statut, partner, territory), never the texts themselves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Action, Agent, Demande, EntreeJournal
from portal.models.registre import ajouter_ligne, lignes_de


def journaliser(
    session: Session, demande: Demande, agent: Agent | None, action: Action, **detail: Any
) -> EntreeJournal:
    """Adds the line to the session: it is written with the change it describes."""
    return ajouter_ligne(
        session, EntreeJournal, agent.id if agent else None, detail,
        demande_id=demande.id, action=action,
    )


def journal_de(session: Session, demande: Demande) -> list[EntreeJournal]:
    return lignes_de(session, EntreeJournal.demande_id, demande.id)


def journal_recent(
    session: Session, *, reference: str | None = None, limite: int = 200
) -> list[tuple[EntreeJournal, str]]:
    """The latest lines, with each demande's reference, for the admin's page."""
    query = select(EntreeJournal, Demande.reference).join(
        Demande, Demande.id == EntreeJournal.demande_id
    )
    if reference:
        query = query.where(Demande.reference == reference)
    query = query.order_by(EntreeJournal.id.desc()).limit(limite)
    return [(entree, ref) for entree, ref in session.execute(query)]
