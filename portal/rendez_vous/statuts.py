"""What changes a rendez-vous's status without giving it a new time: cancelling it (the person
or an agent), and an agent's présent, absent or excusé once its day has come. Re-exported by
services.py, the door's one public module."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.catalogue.schemas.motif import Motif
from portal.models.rendez_vous import RendezVous, StatutRendezVous
from portal.rendez_vous import notifications
from portal.rendez_vous.creneaux import PARIS
from portal.rendez_vous.erreurs import DemandeInvalide, ModificationImpossible


def can_cancel(rdv: RendezVous, motif: Motif, *, now: datetime) -> bool:
    limite = rdv.debut - timedelta(hours=motif.annulation.heures_avant)
    return rdv.est_actif and motif.annulation.autorise and now <= limite


def can_move(rdv: RendezVous, motif: Motif, *, now: datetime) -> bool:
    limite = rdv.debut - timedelta(hours=motif.deplacement.heures_avant)
    return rdv.est_actif and motif.deplacement.autorise and not motif.collectif and now <= limite


def marquer_annule(
    session: Session, rdv: RendezVous, *, now: datetime, message: str | None = None
) -> None:
    """Cancelled, its time or seat freed, the person told (by the outbox); not committed."""
    rdv.statut = StatutRendezVous.annule
    rdv.creneau_tenu = None  # frees the time for someone else
    rdv.place = None  # frees the seat of a session
    rdv.annule_at = now
    rdv.sequence += 1
    rdv.message_usager = message or None
    notifications.abandon_pending(session, rdv)
    notifications.queue(session, rdv, notifications.Modele.annulation, now=now)


def motif_si_actif(catalogue: Catalogue, rdv: RendezVous) -> Motif:
    """The rendez-vous's motif, once it is sure the rendez-vous still stands."""
    if not rdv.est_actif:
        raise ModificationImpossible(_l("Ce rendez-vous n'est plus prévu."))
    return catalogue.motifs[rdv.motif_id]


def cancel_rendez_vous(
    session: Session, *, catalogue: Catalogue, rdv: RendezVous, now: datetime,
    par_agent: bool = False, message: str | None = None,
) -> RendezVous:
    motif = motif_si_actif(catalogue, rdv)
    if not par_agent and not can_cancel(rdv, motif, now=now):
        raise ModificationImpossible(
            _l("Il est trop tard pour annuler en ligne. Appelez le lieu du rendez-vous.")
        )
    marquer_annule(session, rdv, now=now, message=message)
    session.commit()
    return rdv


STATUTS_AGENT = (StatutRendezVous.present, StatutRendezVous.absent, StatutRendezVous.excuse)


def set_statut(
    session: Session, *, rdv: RendezVous, statut: StatutRendezVous, now: datetime,
    tz: ZoneInfo = PARIS,
) -> RendezVous:
    """Présent, absent (lapin) or excusé, once the day of the rendez-vous has come."""
    if statut not in STATUTS_AGENT:
        raise DemandeInvalide(_l("Ce statut n'est pas possible."), "statut")
    if rdv.statut == StatutRendezVous.annule:
        raise ModificationImpossible(_l("Ce rendez-vous est annulé."))
    if rdv.debut.astimezone(tz).date() > now.astimezone(tz).date():
        raise ModificationImpossible(_l("Ce rendez-vous n'a pas encore eu lieu."))
    rdv.statut = statut
    notifications.abandon_pending(session, rdv)
    session.commit()
    return rdv
