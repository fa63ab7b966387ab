"""Anonymous daily counts for the indicators: no personal data, no identifiers of people."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base
from portal.models.choix import Choix


class Evenement(Choix):
    """What the doors count (one row per day, territoire, event and key): no free strings."""

    simulation = "simulation", _l("Résultat de Mes droits")
    # cle: the aid shown as possible
    simulation_eligible = "simulation_eligible", _l("Aide trouvée (droit probable)")
    # cle: the aid shown as to check
    simulation_a_verifier = "simulation_a_verifier", _l("Aide à vérifier")
    # cle: the letter's code, read from its QR code, typed in, or chosen in the list
    courrier_scan = "courrier_scan", _l("Courrier ouvert par son QR code")
    courrier_saisie = "courrier_saisie", _l("Courrier ouvert par son code tapé")
    courrier_liste = "courrier_liste", _l("Courrier choisi dans la liste")
    recherche_lieu = "recherche_lieu", _l("Recherche d'un lieu")
    # Started at a kiosk (cle: the kiosk's number, Borne.id; territoire: its lieu's).
    borne_simulation = "borne_simulation", _l("Simulation commencée à une borne")
    borne_rendez_vous = "borne_rendez_vous", _l("Rendez-vous pris à une borne")
    borne_demande = "borne_demande", _l("Demande laissée à une borne")


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
