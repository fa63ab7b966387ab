"""The outbox: notifications are written in the same transaction as the change they announce,
then sent by `deliver_due` (right after the page, and by `flask rendez-vous envoyer`).

- Nothing is lost when a provider is down: a failed send is retried with a growing delay,
  and every attempt is recorded (`TentativeEnvoi`).
- Nothing untrue is sent: a reminder is dropped once the rendez-vous is cancelled, moved
  (a new one is queued) or past (RDV-Solidarités #3144, #4351).
- Two workers never send the same notification: each claims it with a conditional UPDATE.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue, current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.models.rendez_vous import (
    Canal,
    Modele,
    Notification,
    RendezVous,
    StatutNotification,
    StatutRendezVous,
    TentativeEnvoi,
)
from portal.rendez_vous.envoi import EnvoiEchoue, Envois, envois_from_config
from portal.rendez_vous.messages import Contexte, render
from portal.rendez_vous.schemas import is_mobile

__all__ = [
    "Modele", "abandon_pending", "deliver_due", "queue", "queue_booking", "queue_rappel",
    "send_now",
]

RAPPEL_AVANT = timedelta(hours=48)
TENTATIVES_MAX = 8
log = logging.getLogger(__name__)
PREMIER_DELAI = timedelta(minutes=1)
DELAI_MAX = timedelta(hours=4)
BAIL = timedelta(minutes=10)  # a claimed notification comes back if its sender died


def delai_apres(tentatives: int) -> timedelta:
    """1, 2, 4, 8 … minutes between attempts, at most 4 hours."""
    return min(PREMIER_DELAI * 2 ** max(tentatives - 1, 0), DELAI_MAX)


def canaux(rdv: RendezVous) -> list[Canal]:
    resultat = []
    if rdv.email:
        resultat.append(Canal.email)
    if rdv.telephone and is_mobile(rdv.telephone):  # a landline cannot receive SMS
        resultat.append(Canal.sms)
    return resultat


def queue(
    session: Session, rdv: RendezVous, modele: Modele, *, now: datetime,
    quand: datetime | None = None,
) -> list[Notification]:
    nouvelles = [
        Notification(canal=canal, modele=modele, prochaine_tentative=quand or now, created_at=now)
        for canal in canaux(rdv)
    ]
    rdv.notifications.extend(nouvelles)
    return nouvelles


def queue_rappel(session: Session, rdv: RendezVous, *, now: datetime) -> None:
    """48 h before; a rendez-vous taken later than that gets its confirmation only."""
    quand = rdv.debut - RAPPEL_AVANT
    if quand > now:
        queue(session, rdv, Modele.rappel, now=now, quand=quand)


def queue_booking(session: Session, rdv: RendezVous, *, now: datetime) -> None:
    queue(session, rdv, Modele.confirmation, now=now)
    queue_rappel(session, rdv, now=now)


def abandon_pending(session: Session, rdv: RendezVous) -> None:
    for notification in rdv.notifications:
        if notification.statut == StatutNotification.a_envoyer:
            notification.statut = StatutNotification.abandonnee


def is_still_true(notification: Notification, *, now: datetime) -> bool:
    rdv = notification.rendez_vous
    if notification.modele == Modele.annulation:
        return rdv.statut == StatutRendezVous.annule
    if rdv.statut != StatutRendezVous.prevu:
        return False
    return now < rdv.debut


@dataclass
class Bilan:
    envoyees: int = 0
    echecs: int = 0
    reportees: int = 0
    abandonnees: int = 0
    ids: list[int] = field(default_factory=list)


def _claim(session: Session, notification_id: int, *, now: datetime) -> bool:
    resultat = session.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            Notification.statut == StatutNotification.a_envoyer,
            Notification.prochaine_tentative <= now,
        )
        .values(prochaine_tentative=now + BAIL)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return resultat.rowcount == 1


def _send(notification: Notification, *, envois: Envois, contexte: Contexte, now: datetime) -> str:
    """Sends one claimed notification and records the attempt; returns the Bilan field it
    counts in (envoyees, echecs or reportees)."""
    canal, modele = Canal(notification.canal), Modele(notification.modele)
    backend = envois.pour(canal)
    try:
        message = render(contexte, modele, canal, now=now)
        detail, reussie = backend.send(message), True
    except EnvoiEchoue as exc:
        detail, reussie = str(exc), False
    notification.tentatives += 1
    notification.essais.append(
        TentativeEnvoi(at=now, backend=backend.nom, reussie=reussie, detail=detail[:300])
    )
    if reussie:
        notification.statut = StatutNotification.envoyee
        notification.envoyee_at = now
        return "envoyees"
    if notification.tentatives >= TENTATIVES_MAX:
        notification.statut = StatutNotification.echec
        return "echecs"
    notification.prochaine_tentative = now + delai_apres(notification.tentatives)
    return "reportees"


def deliver_due(
    session: Session,
    *,
    catalogue: Catalogue,
    envois: Envois,
    now: datetime,
    base_url: str,
    secret: str,
    rendez_vous_id: int | None = None,
    limite: int = 500,
) -> Bilan:
    """Sends what is due (optionally for one rendez-vous only), one commit per notification."""
    requete = (
        select(Notification.id)
        .where(
            Notification.statut == StatutNotification.a_envoyer,
            Notification.prochaine_tentative <= now,
        )
        .order_by(Notification.prochaine_tentative, Notification.id)
        .limit(limite)
    )
    if rendez_vous_id is not None:
        requete = requete.where(Notification.rendez_vous_id == rendez_vous_id)
    bilan = Bilan()
    for notification_id in list(session.scalars(requete)):
        if not _claim(session, notification_id, now=now):
            continue
        notification = session.get(Notification, notification_id)
        if notification is None:
            continue
        session.refresh(notification)
        if not is_still_true(notification, now=now):
            notification.statut = StatutNotification.abandonnee
            session.commit()
            bilan.abandonnees += 1
            continue
        issue = _send(
            notification, envois=envois,
            contexte=Contexte(notification.rendez_vous, catalogue, base_url, secret), now=now,
        )
        setattr(bilan, issue, getattr(bilan, issue) + 1)
        bilan.ids.append(notification_id)
        session.commit()
    return bilan


def send_now(rdv_id: int) -> None:
    """Tries the new notifications at once; whatever fails stays in the outbox for the worker."""
    if str(current_app.config["RENDEZ_VOUS_ENVOI_IMMEDIAT"]).lower() not in {"1", "true", "oui"}:
        return
    try:
        deliver_due(
            db.session(),
            catalogue=current_catalogue(),
            envois=envois_from_config(current_app.config),
            now=maintenant(),
            base_url=current_app.config["PUBLIC_BASE_URL"],
            secret=str(current_app.config["SECRET_KEY"]),
            rendez_vous_id=rdv_id,
        )
    except Exception:  # the booking is stored; the page must not fail because of a send
        log.exception("Envoi immédiat impossible ; le processus d'envoi réessaiera.")
        db.session().rollback()
