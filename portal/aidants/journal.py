"""The mandates' journal: who did what, under which mandate, when. Append-only (the database
refuses UPDATE and DELETE). It holds codes and references, never the person's name or contact."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from portal.models import ActionMandat, Agent, EntreeJournalMandat, Mandat
from portal.models.registre import ajouter_ligne, lignes_de


def journaliser(
    session: Session, mandat: Mandat, agent: Agent | None, action: ActionMandat, **detail: Any
) -> EntreeJournalMandat:
    return ajouter_ligne(
        session, EntreeJournalMandat, agent.id if agent else None, detail,
        mandat_id=mandat.id, structure_id=mandat.structure_id, action=action,
    )


def journal_du_mandat(session: Session, mandat: Mandat) -> list[EntreeJournalMandat]:
    return lignes_de(session, EntreeJournalMandat.mandat_id, mandat.id)
