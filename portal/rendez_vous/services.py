"""Booking, cancelling, moving, and the manage link. Plain functions: the session, the clock and
the catalogue are passed in; each commits once, before the page says "confirmé"."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.catalogue.schemas.lieu import Lieu
from portal.catalogue.schemas.motif import Motif, Reservant
from portal.extensions import db
from portal.horloge import maintenant
from portal.i18n import langue
from portal.models.rendez_vous import CreePar, Plage, RendezVous, StatutRendezVous
from portal.rendez_vous import notifications, places
from portal.rendez_vous.creneaux import (
    PARIS,
    Creneau,
    candidats,
    fenetre,
    find_creneaux,
    next_creneaux,
    occupation,
    plages_du_lieu,
)
from portal.rendez_vous.demo import create_demo_plages
from portal.rendez_vous.erreurs import (
    CreneauPris,
    DemandeInvalide,
    HorsSecteur,
    ModificationImpossible,
    RendezVousError,
)
from portal.rendez_vous.liens import hash_jeton, jeton_pour, lien_gestion
from portal.rendez_vous.notifications import send_now
from portal.rendez_vous.offre import lieux_offrant, lieux_pour
from portal.rendez_vous.places import SeanceComplete, check_seance_annulee, hold_place
from portal.rendez_vous.schemas import (
    CanalReservation,
    CreneauxQuery,
    DemandeRendezVous,
    contact_obligatoire,
    debut_iso,
    parse_creneaux_query,
    parse_demande,
)
from portal.rendez_vous.statuts import (
    STATUTS_AGENT,
    can_cancel,
    can_move,
    cancel_rendez_vous,
    marquer_annule,
    motif_si_actif,
    set_statut,
)

seances_du_jour = places.seances_du_jour  # the conseiller's home lists his sessions
ALPHABET_REFERENCE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read over the phone
SUIVANTS = 3


@dataclass(frozen=True)
class Reservation:
    rendez_vous: RendezVous
    jeton: str  # shown once (confirmation page, messages); only its hash is stored


def _reference() -> str:
    return "".join(secrets.choice(ALPHABET_REFERENCE) for _ in range(8))


def check_secteur(catalogue: Catalogue, *, motif: Motif, lieu: Lieu, commune: str | None) -> None:
    """Out-of-sector lieux only where the motif says so; checked again at confirmation."""
    if motif.hors_secteur or commune is None:
        return
    territoire = catalogue.territoire_of(commune)
    if territoire is not None and lieu.territoire != territoire.id:
        raise HorsSecteur()


def _check_debut(motif: Motif, debut: datetime, now: datetime) -> None:
    plus_tot, plus_tard = fenetre(motif, now)
    if debut <= now:
        raise DemandeInvalide(_l("Cette date est passée. Choisissez un autre horaire."), "debut")
    if debut < plus_tot:
        raise DemandeInvalide(
            _l("Cet horaire est trop proche : ce rendez-vous se prend %(heures)s heures avant "
               "au moins.", heures=motif.delai_min_heures),
            "debut",
        )
    if debut > plus_tard:
        raise DemandeInvalide(
            _l("Cet horaire est trop loin : ce rendez-vous se prend %(jours)s jours à l'avance "
               "au plus.", jours=motif.delai_max_jours),
            "debut",
        )


def _creneaux_a(
    session: Session, *, lieu_id: str, motif_id: str, motif: Motif, debut: datetime, tz: ZoneInfo
) -> list[Creneau]:
    """The plages that open a créneau starting exactly at `debut` (taken or not)."""
    jour = debut.astimezone(tz).date()
    plages = plages_du_lieu(session, lieu_id=lieu_id, motif_id=motif_id, du=jour, au=jour)
    duree = timedelta(minutes=motif.duree_minutes)
    trouves = [c for c in candidats(plages, duree=duree, du=jour, au=jour, tz=tz)
               if c.debut == debut]
    if not trouves and motif.collectif:
        check_seance_annulee(session, lieu_id=lieu_id, motif_id=motif_id, debut=debut)
    if not trouves:
        raise DemandeInvalide(
            _l("Cet horaire n'est pas un créneau de ce lieu. Choisissez dans la liste."), "debut"
        )
    return sorted(trouves, key=lambda c: c.plage_id)


def _hold(
    session: Session, creneaux: list[Creneau], *, lieu_id: str, sauf: int | None = None
) -> Creneau | None:
    """Locks each candidate plage in id order (no deadlock), returns the first one still free.

    The UPDATE takes the row lock on PostgreSQL and the write lock on SQLite, so the check
    below sees every booking committed before, and none can slip in until we commit.
    """
    for creneau in creneaux:
        session.execute(
            update(Plage).where(Plage.id == creneau.plage_id).values(verrou=Plage.verrou + 1)
        )
        plage = session.get(Plage, creneau.plage_id)
        occupe = occupation(
            session, [plage], lieu_id=lieu_id, debut=creneau.debut, fin=creneau.fin,
            sauf_rendez_vous=sauf,
        )
        if not occupe.chevauche(creneau):
            return creneau
    return None


def _pris(
    session: Session, *, motif_id: str, motif: Motif, lieu_id: str, now: datetime, tz: ZoneInfo,
    sauf: int | None = None,
) -> CreneauPris:
    session.rollback()
    suivants = next_creneaux(session, motif_id=motif_id, motif=motif, lieu_id=lieu_id, now=now,
                             nombre=SUIVANTS, tz=tz, sauf_rendez_vous=sauf)
    return SeanceComplete(suivants) if motif.collectif else CreneauPris(suivants)


def _tenir(
    session: Session, possibles: list[Creneau], *, motif: Motif, lieu_id: str
) -> tuple[Creneau, int | None] | None:
    """A créneau held (individual motif), or a seat of the session (collective motif)."""
    if motif.collectif:
        return hold_place(session, possibles)
    creneau = _hold(session, possibles, lieu_id=lieu_id)
    return None if creneau is None else (creneau, None)


def _check_demande(
    catalogue: Catalogue, demande: DemandeRendezVous, *, cree_par: CreePar, now: datetime
) -> None:
    """What makes a request unbookable before any time is held (DemandeInvalide, HorsSecteur)."""
    motif = catalogue.motifs[demande.motif]
    lieu = catalogue.lieux[demande.lieu]
    if not motif.is_offered_at(lieu):
        raise DemandeInvalide(_l("Ce lieu ne propose pas ce rendez-vous."), "lieu")
    if not motif.is_bookable_by(Reservant(cree_par.value)):
        raise DemandeInvalide(_l("Ce rendez-vous se prend par téléphone avec le lieu."), "motif")
    if motif.telephone_obligatoire and demande.usager.telephone is None:
        raise DemandeInvalide(
            _l("Ce rendez-vous a lieu par téléphone : donnez votre numéro."), "usager.telephone"
        )
    check_secteur(catalogue, motif=motif, lieu=lieu, commune=demande.commune)
    _check_debut(motif, demande.debut, now)


def book_rendez_vous(
    session: Session,
    *,
    catalogue: Catalogue,
    demande: DemandeRendezVous,
    now: datetime,
    secret: str,
    cree_par: CreePar = CreePar.usager,
    agent_id: int | None = None,
    langue: str = "fr",
    tz: ZoneInfo = PARIS,
) -> Reservation:
    """Books the créneau or raises: DemandeInvalide, HorsSecteur, CreneauPris (with the next
    free ones). The database refuses a second booking of a time even if this code were wrong."""
    motif = catalogue.motifs[demande.motif]
    _check_demande(catalogue, demande, cree_par=cree_par, now=now)
    possibles = _creneaux_a(
        session, lieu_id=demande.lieu, motif_id=demande.motif, motif=motif, debut=demande.debut,
        tz=tz,
    )
    tenu = _tenir(session, possibles, motif=motif, lieu_id=demande.lieu)
    if tenu is None:
        raise _pris(session, motif_id=demande.motif, motif=motif, lieu_id=demande.lieu, now=now,
                    tz=tz)
    creneau, place = tenu
    uid = str(uuid.uuid4())
    jeton = jeton_pour(uid, secret)
    rdv = RendezVous(
        reference=_reference(),
        uid=uid,
        jeton_hash=hash_jeton(jeton),
        plage_id=creneau.plage_id,
        lieu_id=demande.lieu,
        motif_id=demande.motif,
        debut=creneau.debut,
        fin=creneau.fin,
        creneau_tenu=None if place else creneau.debut,  # a seat holds a number, not the time
        place=place,
        statut=StatutRendezVous.prevu,
        prenom=demande.usager.prenom,
        nom=demande.usager.nom,
        telephone=demande.usager.telephone,
        email=demande.usager.email,
        commune=demande.commune,
        langue=langue,
        cree_par=cree_par,
        agent_id=agent_id,
    )
    session.add(rdv)
    try:
        session.flush()
    except IntegrityError:
        # The unique (plage_id, creneau_tenu) caught a race the lock did not (it should not).
        raise _pris(session, motif_id=demande.motif, motif=motif, lieu_id=demande.lieu,
                    now=now, tz=tz) from None
    notifications.queue_booking(session, rdv, now=now)
    session.commit()
    return Reservation(rdv, jeton)


def move_rendez_vous(
    session: Session, *, catalogue: Catalogue, rdv: RendezVous, debut: datetime, now: datetime,
    par_agent: bool = False, message: str | None = None, tz: ZoneInfo = PARIS,
) -> RendezVous:
    motif = motif_si_actif(catalogue, rdv)
    if motif.collectif:
        raise ModificationImpossible(_l("Une place d'atelier ne se déplace pas : annulez-la, "
                                        "puis réservez une place dans une autre séance."))
    if not par_agent and not can_move(rdv, motif, now=now):
        raise ModificationImpossible(
            _l("Il est trop tard pour changer l'horaire en ligne. Appelez le lieu du rendez-vous.")
        )
    if not par_agent:
        _check_debut(motif, debut, now)
    elif debut <= now:
        raise DemandeInvalide(_l("Cette date est passée. Choisissez un autre horaire."), "debut")
    possibles = _creneaux_a(
        session, lieu_id=rdv.lieu_id, motif_id=rdv.motif_id, motif=motif, debut=debut, tz=tz
    )
    rdv_id = rdv.id
    creneau = _hold(session, possibles, lieu_id=rdv.lieu_id, sauf=rdv_id)
    if creneau is None:
        raise _pris(session, motif_id=rdv.motif_id, motif=motif, lieu_id=rdv.lieu_id, now=now,
                    tz=tz, sauf=rdv_id)
    rdv.plage_id = creneau.plage_id
    rdv.debut, rdv.fin, rdv.creneau_tenu = creneau.debut, creneau.fin, creneau.debut
    rdv.sequence += 1
    rdv.message_usager = message or None
    try:
        session.flush()
    except IntegrityError:
        raise _pris(session, motif_id=rdv.motif_id, motif=motif, lieu_id=rdv.lieu_id, now=now,
                    tz=tz, sauf=rdv_id) from None
    notifications.abandon_pending(session, rdv)
    notifications.queue(session, rdv, notifications.Modele.deplacement, now=now)
    notifications.queue_rappel(session, rdv, now=now)
    session.commit()
    return rdv


# --- Booking from a request (the pages, the agent pages and the API) ---------------------


def limite_publique() -> str:
    """The rate limit of the public POSTs (pages and API), per address."""
    return str(current_app.config["RENDEZ_VOUS_LIMITE"])


def secret() -> str:
    return str(current_app.config["SECRET_KEY"])


def book(
    data: dict[str, Any],
    *,
    catalogue: Catalogue,
    cree_par: CreePar = CreePar.usager,
    agent_id: int | None = None,
    canal: str | None = None,
) -> Reservation:
    """Books what a form or the API posted; raises DonneesInvalides (a field is wrong) or a
    RendezVousError (the time is taken, out of the window…). `canal` (CanalReservation; by
    default "agent" for an agent, else "en_ligne") says whether a phone or an e-mail is
    required: a kiosk passes "borne"."""
    if canal is None:
        aupres = cree_par in (CreePar.agent, CreePar.aidant)
        canal = CanalReservation.agent if aupres else CanalReservation.en_ligne
    return book_rendez_vous(
        db.session(),
        catalogue=catalogue,
        demande=parse_demande(data, catalogue=catalogue, canal=canal),
        now=maintenant(),
        secret=secret(),
        cree_par=cree_par,
        agent_id=agent_id,
        langue=langue(),
    )


__all__ = [  # re-exported for the other doors and the API (the door's public surface)
    "CanalReservation", "CreneauPris", "CreneauxQuery", "DemandeRendezVous", "PARIS", "Creneau",
    "Reservation", "RendezVousError", "book", "contact_obligatoire", "create_demo_plages",
    "debut_iso", "find_creneaux", "lien_gestion", "lieux_offrant",
    "lieux_pour", "limite_publique", "parse_creneaux_query", "seances_du_jour", "send_now",
    # what changes a rendez-vous's status (statuts.py), for the door's pages
    "STATUTS_AGENT", "can_cancel", "can_move", "cancel_rendez_vous", "marquer_annule",
    "set_statut",
]
