"""Sessions of the collective motifs, on the agent side: create one (date, time, lieu, seats),
list them with their seats left, cancel one (each person booked is told by the usual outbox),
and record who came, seat by seat, once the session has begun."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.models import Agent, Role
from portal.models.rendez_vous import Plage, RendezVous, StatutRendezVous
from portal.rendez_vous import notifications
from portal.rendez_vous.creneaux import PARIS, heure_locale, is_jour_ferie, places_prises
from portal.rendez_vous.erreurs import DemandeInvalide, ModificationImpossible
from portal.rendez_vous.services import marquer_annule

PRESENCES = (StatutRendezVous.present, StatutRendezVous.absent, StatutRendezVous.excuse)


@dataclass(frozen=True)
class Seance:
    plage: Plage
    motif_id: str
    debut: datetime
    fin: datetime
    places: int
    prises: int

    @property
    def restantes(self) -> int:
        return max(self.places - self.prises, 0)

    @property
    def annulee(self) -> bool:
        return not self.plage.actif


def seance_de(plage: Plage, prises: int) -> Seance:
    debut = heure_locale(plage.date_debut, plage.heure_debut)
    return Seance(plage, plage.motifs[0], debut, heure_locale(plage.date_debut, plage.heure_fin),
                  plage.places or 0, prises)


def seulement_les_siennes(agent: Agent) -> list[object]:
    """A conseiller numérique sees the sessions he created; the other roles, all of the lieu."""
    if agent.has_role(Role.conseiller_numerique):
        return [Plage.agent_id == agent.id]
    return []


def seances(
    session: Session, *, lieux: list[str], du: date, au: date, filtres: Sequence[object] = ()
) -> list[Seance]:
    plages = list(session.scalars(
        select(Plage)
        .where(*filtres, Plage.places.is_not(None), Plage.lieu_id.in_(lieux),
               Plage.date_debut >= du, Plage.date_debut <= au)
        .order_by(Plage.date_debut, Plage.heure_debut, Plage.id)
    ))
    prises = places_prises(session, [p.id for p in plages])
    return [seance_de(p, prises.get(p.id, 0)) for p in plages]


def get_seance(
    session: Session, reference: str, *, lieux: list[str], filtres: Sequence[object] = ()
) -> Seance | None:
    plage = session.scalar(
        select(Plage).where(*filtres, Plage.reference == reference, Plage.places.is_not(None),
                            Plage.lieu_id.in_(lieux))
    )
    if plage is None:
        return None
    return seance_de(plage, places_prises(session, [plage.id]).get(plage.id, 0))


def create_seance(
    session: Session, *, catalogue: Catalogue, lieu_id: str, motif_id: str, jour: date,
    heure: time, places: int, agent_id: int | None, now: datetime,
) -> Plage:
    """A new session, or DemandeInvalide (field named) saying what to change."""
    motif = catalogue.motifs.get(motif_id)
    if motif is None or not motif.collectif:
        raise DemandeInvalide(_l("Choisissez un atelier ou une réunion."), "motif")
    if not motif.is_offered_at(catalogue.lieux[lieu_id]):
        raise DemandeInvalide(_l("Ce lieu ne propose pas cet atelier."), "motif")
    if not 1 <= places <= 500:
        raise DemandeInvalide(_l("Donnez un nombre de places entre 1 et 500."), "places")
    debut = heure_locale(jour, heure)
    fin = debut + timedelta(minutes=motif.duree_minutes)
    if debut <= now:
        raise DemandeInvalide(_l("Cette date est passée. Choisissez un autre jour."), "jour")
    if is_jour_ferie(jour):
        raise DemandeInvalide(_l("Ce jour est férié. Choisissez un autre jour."), "jour")
    if fin.date() != jour:
        raise DemandeInvalide(
            _l("La séance doit finir le même jour. Choisissez une heure plus tôt."), "heure"
        )
    plage = Plage(lieu_id=lieu_id, agent_id=agent_id, motifs=[motif_id],
                  jours=[jour.isoweekday()], heure_debut=heure, heure_fin=fin.time(),
                  date_debut=jour, date_fin=jour, places=places,
                  reference=secrets.token_urlsafe(9))
    session.add(plage)
    session.commit()
    return plage


def inscrits(session: Session, plage: Plage) -> list[RendezVous]:
    """The seats booked (cancelled ones left out), in booking order."""
    return list(session.scalars(
        select(RendezVous)
        .where(RendezVous.plage_id == plage.id, RendezVous.statut != StatutRendezVous.annule)
        .order_by(RendezVous.id)
    ))


def cancel_seance(
    session: Session, *, seance: Seance, now: datetime, message: str | None = None
) -> list[int]:
    """Cancels the session and every seat in one commit; returns the rendez-vous to notify."""
    if seance.annulee:
        raise ModificationImpossible(_l("Cette séance est déjà annulée."))
    if seance.debut <= now:
        raise ModificationImpossible(_l("Cette séance a déjà commencé : elle ne s'annule plus."))
    # The booking's lock: a seat booked meanwhile is cancelled too, none can come after.
    session.execute(update(Plage).where(Plage.id == seance.plage.id)
                    .values(verrou=Plage.verrou + 1, actif=False))
    session.refresh(seance.plage)
    prevus = [r for r in inscrits(session, seance.plage) if r.est_actif]
    for rdv in prevus:
        marquer_annule(session, rdv, now=now, message=message)
    session.commit()
    return [r.id for r in prevus]


def record_presences(
    session: Session, *, seance: Seance, statuts: dict[int, StatutRendezVous], now: datetime
) -> int:
    """Present, absent or excused per seat, once the session has begun; returns how many."""
    if seance.annulee:
        raise ModificationImpossible(_l("Cette séance est annulée."))
    if seance.debut > now.astimezone(PARIS):
        raise ModificationImpossible(_l("Cette séance n'a pas encore eu lieu."))
    if any(statut not in PRESENCES for statut in statuts.values()):
        raise DemandeInvalide(_l("Ce statut n'est pas possible."), "statut")
    nombre = 0
    for rdv in inscrits(session, seance.plage):
        statut = statuts.get(rdv.id)
        if statut is not None:
            rdv.statut = statut
            notifications.abandon_pending(session, rdv)
            nombre += 1
    session.commit()
    return nombre
