"""Retention: a closed demande keeps its personal data a limited number of months.

The row stays, emptied of whatever identifies the person, so the indicators keep counting it
(source, topic, urgence, territory, dates, orientation). The transcript goes entirely.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.accueil.journal import journaliser
from portal.models import Action, Demande, StatutDemande


def purge_demandes(session: Session, *, avant: datetime, now: datetime) -> int:
    """Empties the demandes closed before `avant`; returns how many."""
    demandes = session.scalars(
        select(Demande).where(
            Demande.statut == StatutDemande.close,
            Demande.close_at < avant,
            Demande.purgee_at.is_(None),
        )
    ).all()
    for demande in demandes:
        demande.prenom = None
        demande.telephone = None
        demande.email = None
        demande.message = None
        demande.commune_code = None
        for suivi in demande.suivis:
            suivi.texte = None
        for fiche in demande.orientations:
            fiche.situation = None
            fiche.besoin = None
        if demande.conversation is not None:
            session.delete(demande.conversation)
            demande.conversation = None
        demande.purgee_at = now
        journaliser(session, demande, None, Action.purge)
    session.commit()
    return len(demandes)
