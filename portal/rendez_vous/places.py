"""Seats of the sessions of a collective motif (workshops, information meetings).

A session is a one-day plage with `places`; a booked seat is a rendez-vous holding a seat number
(`place`, 1…places). Booking locks the session row first (the same UPDATE as for a créneau), so
the count below sees every seat committed before and none can slip in until the commit; the
unique `(plage_id, place)` index refuses a second holder of a seat even if this code were wrong.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.models.rendez_vous import Plage, RendezVous
from portal.rendez_vous.creneaux import Creneau, heure_locale, local, places_prises
from portal.rendez_vous.erreurs import CreneauPris, DemandeInvalide


class SeanceComplete(CreneauPris):
    """Every seat of the session is taken; `suivants` are the next sessions with a seat."""

    def __init__(self, suivants: list[Creneau]) -> None:
        super().__init__(suivants)
        self.message = _l("Cette séance est complète : il n'y a plus de place. "
                          "Choisissez une autre date.")


def hold_place(session: Session, creneaux: list[Creneau]) -> tuple[Creneau, int] | None:
    """Locks each session in id order (no deadlock); returns the first free seat found."""
    for creneau in creneaux:
        session.execute(
            update(Plage).where(Plage.id == creneau.plage_id).values(verrou=Plage.verrou + 1)
        )
        plage = session.get(Plage, creneau.plage_id, populate_existing=True)
        if plage is None or not plage.actif:  # cancelled meanwhile
            continue
        prises = set(session.scalars(
            select(RendezVous.place).where(
                RendezVous.plage_id == creneau.plage_id, RendezVous.place.is_not(None)
            )
        ))
        for numero in range(1, (plage.places or 0) + 1):
            if numero not in prises:
                return creneau, numero
    return None


def check_seance_annulee(session: Session, *, lieu_id: str, motif_id: str, debut: datetime) -> None:
    """A cancelled session at this time (and no other one): say so, not "not a créneau"."""
    jour = local(debut).date()
    seances = session.scalars(
        select(Plage).where(
            Plage.lieu_id == lieu_id, Plage.places.is_not(None), Plage.date_debut == jour
        )
    )
    annulees = [
        p for p in seances
        if motif_id in p.motifs and heure_locale(jour, p.heure_debut) == debut
    ]
    if annulees and not any(p.actif for p in annulees):
        raise DemandeInvalide(
            _l("Cette séance est annulée. Choisissez une autre date."), "debut"
        )


def seances_du_jour(session: Session, *, agent_id: int, jour: date) -> list[tuple[Plage, int]]:
    """The sessions this agent created for `jour`, not cancelled, each with its seats taken
    (the conseiller's home lists them)."""
    plages = list(session.scalars(
        select(Plage).where(Plage.agent_id == agent_id, Plage.places.is_not(None),
                            Plage.actif.is_(True), Plage.date_debut == jour)
        .order_by(Plage.heure_debut, Plage.id)
    ))
    prises = places_prises(session, [p.id for p in plages])
    return [(p, prises.get(p.id, 0)) for p in plages]
