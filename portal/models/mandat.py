"""Mandats d'accompagnement (modelled on Aidants Connect) and their append-only journal.

The mandataire is the structure, not one conseiller: every salaried conseiller numérique of the
structure may act under it, no other structure sees it. The person's name and contact are kept
on the mandate only (the receipt and the revocation check need them); the journal holds codes.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, Session, UOWTransaction, mapped_column

from portal.models.base import Base, utcnow
from portal.models.rendez_vous import Instant


class Demarche(StrEnum):
    simulation = "simulation"
    rendez_vous = "rendez_vous"
    demande = "demande"  # a demande left in the premier accueil queue
    courrier = "courrier"


class Duree(StrEnum):
    visite = "visite"
    jour = "jour"
    mois = "mois"
    semestre = "semestre"
    an = "an"


class ActionMandat(StrEnum):
    creation = "creation"
    recu = "recu"
    simulation = "simulation"
    rendez_vous = "rendez_vous"
    demande = "demande"
    courrier = "courrier"
    refus = "refus"
    revocation = "revocation"
    renouvellement = "renouvellement"


class Mandat(Base):
    __tablename__ = "mandats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)  # in agent URLs
    cle: Mapped[str] = mapped_column(String(32), unique=True)  # signed into the receipt's QR
    structure_id: Mapped[str] = mapped_column(String(64), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    demarches: Mapped[list[str]] = mapped_column(JSON)
    duree: Mapped[Duree] = mapped_column(String(20))
    debut: Mapped[datetime] = mapped_column(Instant)
    fin: Mapped[datetime] = mapped_column(Instant)
    prenom: Mapped[str] = mapped_column(String(100))
    nom: Mapped[str] = mapped_column(String(100))
    contact: Mapped[str | None] = mapped_column(String(254))
    consentement_at: Mapped[datetime] = mapped_column(Instant)
    revoque_at: Mapped[datetime | None] = mapped_column(Instant)
    revoque_par: Mapped[str | None] = mapped_column(String(20))  # "conseiller" or "personne"
    renouvelle_id: Mapped[int | None] = mapped_column(ForeignKey("mandats.id"))
    created_at: Mapped[datetime] = mapped_column(Instant, default=utcnow)


class EntreeJournalMandat(Base):
    __tablename__ = "journal_mandats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mandat_id: Mapped[int] = mapped_column(ForeignKey("mandats.id"), index=True)
    structure_id: Mapped[str] = mapped_column(String(64), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    action: Mapped[ActionMandat] = mapped_column(String(30))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(Instant, default=utcnow, index=True)


class JournalMandatModifie(Exception):
    """Someone tried to change or delete a line of the mandates' journal."""


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    for instance in (*session.dirty, *session.deleted):
        if isinstance(instance, EntreeJournalMandat) and (
            instance in session.deleted or session.is_modified(instance)
        ):
            raise JournalMandatModifie("le journal des mandats ne se modifie pas")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: Any) -> None:
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is EntreeJournalMandat for mapper in state.all_mappers
    ):
        raise JournalMandatModifie("le journal des mandats ne se modifie pas")
