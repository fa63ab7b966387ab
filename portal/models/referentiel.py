"""Territories and places mirrored from content/, so that other tables can point at them.

content/ stays the source of truth; `flask content sync` copies ids and names here. A place
removed from content/ is kept inactive, because rendez-vous and demandes may still name it.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, Horodatage


class TerritoireRef(Horodatage, Base):
    __tablename__ = "territoires"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    nom: Mapped[str] = mapped_column(String(200))
    actif: Mapped[bool] = mapped_column(Boolean, default=True)


class LieuRef(Horodatage, Base):
    __tablename__ = "lieux"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    territoire_id: Mapped[str] = mapped_column(ForeignKey("territoires.id"), index=True)
    nom: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(40))
    code_insee: Mapped[str] = mapped_column(String(5))
    actif: Mapped[bool] = mapped_column(Boolean, default=True)
