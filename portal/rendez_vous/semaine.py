"""A week of créneaux for a page: its days, the next free créneau, and the weeks around it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from portal.catalogue.schemas.motif import Motif
from portal.rendez_vous.creneaux import (
    PARIS,
    Creneau,
    debut_de_semaine,
    find_creneaux,
    next_creneaux,
)


@dataclass(frozen=True)
class Jour:
    date: date
    creneaux: list[Creneau]


@dataclass(frozen=True)
class Semaine:
    debut: date
    jours: list[Jour]
    premier: Creneau | None  # the next free créneau from now, highlighted
    precedente: date | None
    suivante: date | None

    @property
    def vide(self) -> bool:
        return not any(jour.creneaux for jour in self.jours)


def build_semaine(
    session: Session,
    *,
    motif_id: str,
    motif: Motif,
    lieu_id: str,
    semaine: date | None,
    now: datetime,
    sauf_rendez_vous: int | None = None,
) -> Semaine:
    """Opens on the week of the next free créneau unless a week is asked for."""
    premiers = next_creneaux(
        session, motif_id=motif_id, motif=motif, lieu_id=lieu_id, now=now, nombre=1,
        sauf_rendez_vous=sauf_rendez_vous,
    )
    premier = premiers[0] if premiers else None
    aujourdhui = now.astimezone(PARIS).date()
    if semaine is None:
        semaine = premier.debut.astimezone(PARIS).date() if premier else aujourdhui
    semaine = debut_de_semaine(max(semaine, aujourdhui))
    dernier_jour = (now + timedelta(days=motif.delai_max_jours)).astimezone(PARIS).date()
    creneaux = find_creneaux(
        session, motif_id=motif_id, motif=motif, lieu_id=lieu_id, du=semaine,
        au=semaine + timedelta(days=6), now=now, sauf_rendez_vous=sauf_rendez_vous,
    )
    jours = []
    for i in range(7):
        jour = semaine + timedelta(days=i)
        du_jour = [c for c in creneaux if c.debut.astimezone(PARIS).date() == jour]
        # No day already gone; week-ends only when something is open.
        if jour >= aujourdhui and (du_jour or i < 5):
            jours.append(Jour(jour, du_jour))
    suivante = semaine + timedelta(days=7)
    precedente = semaine - timedelta(days=7)
    return Semaine(
        debut=semaine,
        jours=jours,
        premier=premier,
        # Only a week with a working day still to come: never a week of past days.
        precedente=precedente if precedente + timedelta(days=4) >= aujourdhui else None,
        suivante=suivante if suivante <= dernier_jour else None,
    )


def parse_semaine(valeur: str | None) -> date | None:
    try:
        return date.fromisoformat(valeur) if valeur else None
    except ValueError:
        return None


def parse_debut(valeur: str | None) -> datetime | None:
    """An ISO-8601 instant with its offset, as the links carry it; None if malformed."""
    try:
        moment = datetime.fromisoformat(valeur) if valeur else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None
