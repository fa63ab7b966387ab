"""Agent accounts: no self sign-up; an admin (or the CLI) creates them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, Horodatage
from portal.models.referentiel import LieuRef, TerritoireRef


class Role(StrEnum):
    accueil = "accueil"
    travailleur_social = "travailleur_social"
    conseiller_numerique = "conseiller_numerique"
    responsable = "responsable"
    admin = "admin"


agent_lieux = Table(
    "agent_lieux",
    Base.metadata,
    Column("agent_id", ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True),
    Column("lieu_id", ForeignKey("lieux.id"), primary_key=True),
)


class Agent(Horodatage, Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored lower-cased: one person, one account, whatever the case they type.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    prenom: Mapped[str] = mapped_column(String(100))
    nom: Mapped[str] = mapped_column(String(100))
    mot_de_passe_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(String(40))
    territoire_id: Mapped[str | None] = mapped_column(ForeignKey("territoires.id"))
    actif: Mapped[bool] = mapped_column(Boolean, default=True)
    echecs_connexion: Mapped[int] = mapped_column(Integer, default=0)
    bloque_jusqu_a: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    derniere_connexion: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The structure (content/structures) a conseiller numérique works for, and whether he is
    # one of its salaried professionals: only they may act for a person (Aidants Connect).
    structure_id: Mapped[str | None] = mapped_column(String(64))
    salarie: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    territoire: Mapped[TerritoireRef | None] = relationship()
    lieux: Mapped[list[LieuRef]] = relationship(secondary=agent_lieux)

    @property
    def nom_complet(self) -> str:
        return f"{self.prenom} {self.nom}"

    def has_role(self, *roles: Role | str) -> bool:
        return self.role in {Role(r) for r in roles}
