"""The mandate: created after the person heard its text and agreed, scope by démarche, a fixed
duration, revocable at any time, renewable; each action under it is checked here, on the server.

Plain functions: the session and the clock are passed in; the caller commits.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.aidants.journal import journaliser
from portal.models import ActionMandat, Agent, Demarche, Duree, EtatMandat, Mandat

# As in Aidants Connect: a day, 31 days, 182 days, 365 days; "this visit" lasts 3 hours.
DUREES = {
    Duree.visite: timedelta(hours=3),
    Duree.jour: timedelta(days=1),
    Duree.mois: timedelta(days=31),
    Duree.semestre: timedelta(days=182),
    Duree.an: timedelta(days=365),
}
LETTRES_VERIFICATION = 3


class MandatError(Exception):
    def __init__(self, message: LazyString | str) -> None:
        super().__init__(str(message))
        self.message = message


class MandatInvalide(MandatError):
    """The form was wrong: nothing is recorded."""


class MandatRefuse(MandatError):
    """The action is outside the mandate, or the mandate is no longer valid."""


@dataclass(frozen=True)
class Personne:
    prenom: str
    nom: str
    contact: str | None  # a way to reach them, only if they agree


def statut(mandat: Mandat, now: datetime) -> EtatMandat:
    if mandat.revoque_at is not None:
        return EtatMandat.revoque
    return EtatMandat.expire if now >= mandat.fin else EtatMandat.valide


def _check(demarches: Collection[str], duree: str, personne: Personne) -> Duree:
    if not demarches:
        raise MandatInvalide(_l("Cochez au moins une démarche que la personne accepte."))
    if any(d not in {x.value for x in Demarche} for d in demarches):
        raise MandatInvalide(_l("Cette démarche n'existe pas."))
    if duree not in {x.value for x in Duree}:
        raise MandatInvalide(_l("Choisissez une durée dans la liste."))
    if not personne.prenom.strip() or not personne.nom.strip():
        raise MandatInvalide(_l("Écrivez le prénom et le nom de la personne."))
    return Duree(duree)


def create_mandat(
    session: Session, *, agent: Agent, demarches: Collection[str], duree: str,
    personne: Personne, now: datetime, renouvelle: Mandat | None = None,
) -> Mandat:
    """A mandate of the agent's structure, from now; MandatInvalide when the form is wrong."""
    choix = _check(demarches, duree, personne)
    if agent.structure_id is None:
        raise MandatRefuse(_l("Votre compte n'est rattaché à aucune structure."))
    mandat = Mandat(
        reference=secrets.token_urlsafe(9),
        cle=secrets.token_urlsafe(18),
        structure_id=agent.structure_id,
        agent_id=agent.id,
        demarches=[d.value for d in Demarche if d.value in demarches],
        duree=choix,
        debut=now,
        fin=now + DUREES[choix],
        prenom=personne.prenom.strip(),
        nom=personne.nom.strip(),
        contact=(personne.contact or "").strip() or None,
        consentement_at=now,
        renouvelle_id=renouvelle.id if renouvelle else None,
    )
    session.add(mandat)
    session.flush()
    journaliser(session, mandat, agent, ActionMandat.creation, duree=choix.value,
                demarches=mandat.demarches)
    if renouvelle is not None:
        journaliser(session, renouvelle, agent, ActionMandat.renouvellement,
                    nouveau=mandat.reference)
    return mandat


def check_action(
    session: Session, mandat: Mandat, demarche: Demarche, *, agent: Agent, now: datetime
) -> None:
    """Raises MandatRefuse (and journals the refusal) unless the mandate allows it now."""
    etat = statut(mandat, now)
    message: LazyString | None = None
    if etat == EtatMandat.revoque:
        message = _l("Ce mandat a été révoqué : vous ne pouvez plus agir pour cette personne.")
    elif etat == EtatMandat.expire:
        message = _l("Ce mandat est expiré : renouvelez-le avec la personne avant d'agir.")
    elif demarche.value not in mandat.demarches:
        message = _l("La personne n'a pas donné son accord pour cette démarche.")
    if message is not None:
        journaliser(session, mandat, agent, ActionMandat.refus, demarche=demarche.value,
                    raison=etat.value if etat != EtatMandat.valide else "hors_mandat")
        session.commit()
        raise MandatRefuse(message)


def revoke(session: Session, mandat: Mandat, *, agent: Agent | None, now: datetime) -> None:
    if mandat.revoque_at is not None:
        raise MandatInvalide(_l("Ce mandat est déjà révoqué."))
    mandat.revoque_at = now
    mandat.revoque_par = "conseiller" if agent else "personne"
    journaliser(session, mandat, agent, ActionMandat.revocation, par=mandat.revoque_par)


def lettres_ok(mandat: Mandat, lettres: str) -> bool:
    """The first 3 letters of the name, as on the rendez-vous manage page."""
    attendu = mandat.nom.strip()[:LETTRES_VERIFICATION].casefold()
    saisi = lettres.strip()[:LETTRES_VERIFICATION].casefold()
    return len(saisi) == min(LETTRES_VERIFICATION, len(attendu)) and secrets.compare_digest(
        saisi, attendu
    )


def get_mandat(session: Session, reference: str, *, agent: Agent) -> Mandat | None:
    """The mandate of the agent's structure, or None (another structure's does not exist)."""
    if agent.structure_id is None:
        return None
    return session.scalar(
        select(Mandat).where(Mandat.reference == reference,
                             Mandat.structure_id == agent.structure_id)
    )


def mandats_de(session: Session, structure_id: str) -> list[Mandat]:
    query = select(Mandat).where(Mandat.structure_id == structure_id)
    return list(session.scalars(query.order_by(Mandat.id.desc())))
