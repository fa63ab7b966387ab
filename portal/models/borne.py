"""Kiosks (bornes) and the printed tickets' summaries: no personal data in either.

- A `Borne` is a device an agent turned into a kiosk of a lieu. Its random `uid` is in the
  device's signed cookie; an admin lists and revokes them (a revoked uid is ignored).
- A `Ticket` is the summary a printed ticket's QR code opens on the person's own phone (a
  simulation's aids, a demande's reference and who answers). Only the hash of its opaque token
  is stored; it expires (`expire_at`) and `flask borne purger` deletes it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, utcnow


class Borne(Base):
    __tablename__ = "bornes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)  # opaque, in admin URLs
    lieu_id: Mapped[str] = mapped_column(String(64))
    nom: Mapped[str] = mapped_column(String(100))
    creee_par_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoquee_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def active(self) -> bool:
        return self.revoquee_at is None


class GenreTicket(StrEnum):
    simulation = "simulation"
    demande = "demande"


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jeton_hash: Mapped[str] = mapped_column(String(64), unique=True)
    genre: Mapped[GenreTicket] = mapped_column(String(20))
    contenu: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expire_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
