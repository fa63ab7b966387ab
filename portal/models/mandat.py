"""Mandats d'accompagnement (modelled on Aidants Connect) and their append-only journal.

The mandataire is the structure, not one conseiller: every salaried conseiller numérique of the
structure may act under it, no other structure sees it. The person's name and contact are kept
on the mandate only (the receipt and the revocation check need them); the journal holds codes.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow
from portal.models.choix import Choix
from portal.models.registre import LigneJournal, en_ajout_seul
from portal.models.rendez_vous import Instant


class Demarche(Choix):
    simulation = "simulation", _l("Simuler ses droits avec elle")
    rendez_vous = "rendez_vous", _l("Prendre un rendez-vous pour elle")
    # A demande left in the premier accueil queue.
    demande = "demande", _l("Laisser une demande au premier accueil pour elle")
    courrier = "courrier", _l("Comprendre un courrier avec elle")


class Duree(Choix):
    visite = "visite", _l("Cette visite seulement")
    jour = "jour", _l("1 jour")
    mois = "mois", _l("1 mois")
    semestre = "semestre", _l("6 mois")
    an = "an", _l("1 an")


class EtatMandat(Choix):
    """Where a mandate stands at a given moment (computed, not stored)."""

    valide = "valide", _l("valide")
    expire = "expire", _l("expiré")
    revoque = "revoque", _l("révoqué")


class ActionMandat(Choix):
    """What the mandates' journal records, with the label the conseiller reads."""

    creation = "creation", _l("Mandat enregistré")
    recu = "recu", _l("Reçu affiché")
    simulation = "simulation", _l("Simulation ouverte")
    rendez_vous = "rendez_vous", _l("Rendez-vous pris")
    demande = "demande", _l("Demande laissée au premier accueil")
    courrier = "courrier", _l("Explication de courrier ouverte")
    refus = "refus", _l("Action refusée")
    revocation = "revocation", _l("Mandat révoqué")
    renouvellement = "renouvellement", _l("Mandat renouvelé")


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


class EntreeJournalMandat(LigneJournal, Base):
    __tablename__ = "journal_mandats"

    mandat_id: Mapped[int] = mapped_column(ForeignKey("mandats.id"), index=True)
    structure_id: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[ActionMandat] = mapped_column(String(30))


class JournalMandatModifie(Exception):
    """Someone tried to change or delete a line of the mandates' journal."""


en_ajout_seul(EntreeJournalMandat, JournalMandatModifie, "le journal des mandats ne se modifie pas")
