"""Anonymous daily counts for the indicators: no personal data, no identifiers of people."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base


class Evenement(StrEnum):
    """What the doors count (one row per day, territoire, event and key): no free strings."""

    simulation = "simulation"  # a result page of Mes droits
    simulation_eligible = "simulation_eligible"  # cle: the aid shown as possible
    simulation_a_verifier = "simulation_a_verifier"  # cle: the aid shown as to check
    courrier_scan = "courrier_scan"  # cle: the letter's code, read from its QR code
    courrier_saisie = "courrier_saisie"  # … typed in
    courrier_liste = "courrier_liste"  # … chosen in the list
    recherche_lieu = "recherche_lieu"  # a search of Trouver un lieu
    # Started at a kiosk (cle: the kiosk's number, Borne.id; territoire: its lieu's).
    borne_simulation = "borne_simulation"
    borne_rendez_vous = "borne_rendez_vous"
    borne_demande = "borne_demande"


class StatistiqueJour(Base):
    __tablename__ = "statistiques_jour"
    __table_args__ = (UniqueConstraint("jour", "evenement", "territoire_id", "cle"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jour: Mapped[date] = mapped_column(Date)
    evenement: Mapped[str] = mapped_column(String(40))
    # "" rather than NULL: a unique constraint treats NULLs as distinct.
    territoire_id: Mapped[str] = mapped_column(String(64), default="")
    cle: Mapped[str] = mapped_column(String(80), default="")
    nombre: Mapped[int] = mapped_column(Integer, default=0)
