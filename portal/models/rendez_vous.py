"""Prendre rendez-vous: plages d'ouverture, absences, rendez-vous, and the notification outbox.

Créneaux are not stored: they are derived from the plages, minus holidays, absences and the
rendez-vous that hold a time. Two rendez-vous can never hold the same time of one plage: the
database refuses it (unique `(plage_id, creneau_tenu)`), and booking locks the plage row first
so that overlapping times of different lengths are refused too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal import validation
from portal.models.base import Base, Horodatage, utcnow


class Instant(TypeDecorator[datetime]):
    """An aware datetime stored in UTC. SQLite keeps no offset, so UTC is restored on reading;
    storing one zone only also makes equal instants equal for the unique constraint."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("un instant doit porter son fuseau horaire")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class StatutRendezVous(StrEnum):
    prevu = "prevu"
    annule = "annule"
    present = "present"
    absent = "absent"  # "lapin": neither kept nor cancelled
    excuse = "excuse"


class CreePar(StrEnum):
    usager = "usager"
    aidant = "aidant"
    agent = "agent"


class Plage(Horodatage, Base):
    """An agent receives at a lieu for some motifs, on some week days, every N weeks."""

    __tablename__ = "plages"
    __table_args__ = (
        CheckConstraint("heure_debut < heure_fin", name="heures"),
        CheckConstraint("toutes_les_semaines >= 1", name="recurrence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lieu_id: Mapped[str] = mapped_column(ForeignKey("lieux.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    motifs: Mapped[list[str]] = mapped_column(JSON)
    jours: Mapped[list[int]] = mapped_column(JSON)  # ISO week days, 1 = Monday
    heure_debut: Mapped[time] = mapped_column(Time)
    heure_fin: Mapped[time] = mapped_column(Time)
    date_debut: Mapped[date] = mapped_column(Date)
    date_fin: Mapped[date | None] = mapped_column(Date)
    toutes_les_semaines: Mapped[int] = mapped_column(Integer, default=1)
    actif: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped by every booking: the UPDATE is the row lock that serialises bookings of a plage.
    verrou: Mapped[int] = mapped_column(Integer, default=0)
    # A session of a collective motif (a workshop): one day, one time, this many seats.
    # NULL for the plages of individual rendez-vous. A cancelled session is `actif = False`.
    places: Mapped[int | None] = mapped_column(Integer)
    # A session is named in the agents' URLs by this random reference, never by its id.
    reference: Mapped[str | None] = mapped_column(String(16), unique=True)

    @property
    def est_seance(self) -> bool:
        return self.places is not None

    def is_open_on(self, jour: date) -> bool:
        if not self.actif or jour < self.date_debut or (self.date_fin and jour > self.date_fin):
            return False
        if jour.isoweekday() not in self.jours:
            return False
        semaines = (jour - self.date_debut).days // 7
        return semaines % self.toutes_les_semaines == 0


class Absence(Horodatage, Base):
    """An agent away, or a whole lieu closed (agent_id NULL), between two instants."""

    __tablename__ = "absences"
    __table_args__ = (
        CheckConstraint("debut < fin", name="periode"),
        CheckConstraint("agent_id IS NOT NULL OR lieu_id IS NOT NULL", name="qui"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    lieu_id: Mapped[str | None] = mapped_column(ForeignKey("lieux.id"))
    debut: Mapped[datetime] = mapped_column(Instant)
    fin: Mapped[datetime] = mapped_column(Instant, index=True)
    raison: Mapped[str] = mapped_column(String(200), default="")


class RendezVous(Horodatage, Base):
    __tablename__ = "rendez_vous"
    __table_args__ = (
        UniqueConstraint("plage_id", "creneau_tenu"),
        # A seat of a session is held by one rendez-vous at most (NULL once cancelled).
        Index("ix_rendez_vous_plage_place", "plage_id", "place", unique=True),
        Index("ix_rendez_vous_lieu_debut", "lieu_id", "debut"),
        CheckConstraint("debut < fin", name="periode"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(12), unique=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)  # the .ics UID, never changes
    jeton_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the link token
    plage_id: Mapped[int] = mapped_column(ForeignKey("plages.id"))
    lieu_id: Mapped[str] = mapped_column(ForeignKey("lieux.id"))
    motif_id: Mapped[str] = mapped_column(String(64))
    debut: Mapped[datetime] = mapped_column(Instant)
    fin: Mapped[datetime] = mapped_column(Instant)
    # Equal to `debut` while the rendez-vous holds its time; NULL once cancelled, which frees
    # it (NULLs never collide in a unique constraint, on SQLite as on PostgreSQL).
    creneau_tenu: Mapped[datetime | None] = mapped_column(Instant)
    # The seat number (1…places) held in a session of a collective motif; NULL otherwise.
    place: Mapped[int | None] = mapped_column(Integer)
    statut: Mapped[StatutRendezVous] = mapped_column(String(20), default=StatutRendezVous.prevu)
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # .ics SEQUENCE, +1 per change
    prenom: Mapped[str] = mapped_column(String(100))
    nom: Mapped[str] = mapped_column(String(100))
    telephone: Mapped[str | None] = mapped_column(String(20))  # E.164
    email: Mapped[str | None] = mapped_column(String(254))
    commune: Mapped[str | None] = mapped_column(String(5))
    langue: Mapped[str] = mapped_column(String(5), default="fr")
    cree_par: Mapped[CreePar] = mapped_column(String(20), default=CreePar.usager)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    echecs_verification: Mapped[int] = mapped_column(Integer, default=0)
    message_usager: Mapped[str | None] = mapped_column(Text)  # an agent's word on a change
    annule_at: Mapped[datetime | None] = mapped_column(Instant)

    plage: Mapped[Plage] = relationship()
    notifications: Mapped[list[Notification]] = relationship(
        back_populates="rendez_vous", cascade="all, delete-orphan"
    )

    @property
    def est_actif(self) -> bool:
        return self.statut == StatutRendezVous.prevu

    @property
    def type_telephone(self) -> Literal["portable", "fixe"] | None:
        """"portable" (SMS sent), "fixe" (never an SMS: the person keeps the ticket), or None."""
        return validation.type_telephone(self.telephone) if self.telephone else None


class Canal(StrEnum):
    email = "email"
    sms = "sms"


class Modele(StrEnum):
    confirmation = "confirmation"
    rappel = "rappel"
    deplacement = "deplacement"
    annulation = "annulation"


class StatutNotification(StrEnum):
    a_envoyer = "a_envoyer"
    envoyee = "envoyee"
    abandonnee = "abandonnee"  # no longer true (cancelled, past): never sent
    echec = "echec"  # every retry failed


class Notification(Base):
    """The outbox: written in the booking's transaction, sent afterwards, retried with backoff."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_a_envoyer", "statut", "prochaine_tentative"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rendez_vous_id: Mapped[int] = mapped_column(
        ForeignKey("rendez_vous.id", ondelete="CASCADE"), index=True
    )
    canal: Mapped[Canal] = mapped_column(String(10))
    modele: Mapped[Modele] = mapped_column(String(20))
    statut: Mapped[StatutNotification] = mapped_column(
        String(20), default=StatutNotification.a_envoyer
    )
    tentatives: Mapped[int] = mapped_column(Integer, default=0)
    prochaine_tentative: Mapped[datetime] = mapped_column(Instant)
    envoyee_at: Mapped[datetime | None] = mapped_column(Instant)
    created_at: Mapped[datetime] = mapped_column(Instant, default=utcnow)

    rendez_vous: Mapped[RendezVous] = relationship(back_populates="notifications")
    essais: Mapped[list[TentativeEnvoi]] = relationship(
        cascade="all, delete-orphan", order_by="TentativeEnvoi.id"
    )


class TentativeEnvoi(Base):
    """One attempt to send a notification (a receipt): when, which backend, what came back."""

    __tablename__ = "tentatives_envoi"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(Instant)
    backend: Mapped[str] = mapped_column(String(40))
    reussie: Mapped[bool] = mapped_column(Boolean)
    # The provider's answer or the error class; never the text or the recipient.
    detail: Mapped[str] = mapped_column(String(300), default="")
