"""Creating and finding demandes (working them is in `suivi`).

Plain functions: the session, the clock and the catalogue are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from portal.accueil.delais import echeance_premier_contact, prochaine_ouverture
from portal.accueil.journal import journaliser
from portal.accueil.references import new_reference
from portal.accueil.schemas import NouvelleDemande
from portal.borne.services import count_at_kiosk
from portal.catalogue import Catalogue
from portal.catalogue.schemas.lieu import Lieu, TypeLieu
from portal.catalogue.schemas.urgence import Numero
from portal.models import (
    Action,
    Agent,
    Conversation,
    Demande,
    Evenement,
    Role,
    SourceDemande,
    StatutDemande,
)

ROLES_TOUS_TERRITOIRES = {Role.admin, Role.responsable}


class DemandeIntrouvable(LookupError):
    pass


class DemandeClose(Exception):
    """Acting on a demande already closed (a stale page, say): nothing is overwritten."""


@dataclass(frozen=True)
class Accuse:
    """What the person is told once the demande is stored."""

    demande: Demande
    accueil: Lieu | None
    echeance: datetime | None
    # When the accueil opens, if it is closed now (local time): said honestly.
    ouverture: datetime | None = None
    # The emergency numbers that fit an urgent demande, said first (content/urgences).
    numeros: tuple[Numero, ...] = ()


def numeros_pour(catalogue: Catalogue, urgence: str | None) -> tuple[Numero, ...]:
    if urgence is None:
        return ()
    return tuple(n for n in catalogue.numeros_urgence if urgence in n.urgences)


def accueil_qui_repond(
    catalogue: Catalogue, territoire_id: str | None, now: datetime
) -> tuple[Lieu | None, datetime | None]:
    """The accueil that answers, and when it opens if closed at `now` (naive local times).
    Without a territory (an urgent demande without a commune), every accueil sees it: the
    first one to open answers."""
    lieu = accueil_du_territoire(catalogue, territoire_id)
    candidats = {"": lieu} if lieu is not None else {
        lieu_id: li for lieu_id, li in catalogue.lieux.items()
        if li.type == TypeLieu.maison_des_solidarites
    }
    ouvertures = [
        (ouverture, lieu_id, li) for lieu_id, li in candidats.items()
        if (ouverture := prochaine_ouverture(li.horaires_accueil, now)) is not None
    ]
    if not ouvertures:
        return lieu, None
    ouverture, _id, premier = min(ouvertures, key=lambda o: (o[0], o[1]))
    return premier, (ouverture if ouverture > now else None)


def accueil_du_territoire(catalogue: Catalogue, territoire_id: str | None) -> Lieu | None:
    """The territory's maison des solidarités: its opening hours set the expected delay."""
    for lieu in catalogue.lieux.values():
        if lieu.territoire == territoire_id and lieu.type == TypeLieu.maison_des_solidarites:
            return lieu
    return None


def create_demande(
    session: Session,
    *,
    donnees: NouvelleDemande,
    source: SourceDemande,
    langue: str,
    catalogue: Catalogue,
    now: datetime,
    conversation: Conversation | None = None,
    delais: tuple[int, int] = (60, 2),
) -> Accuse:
    """Stores the demande (committed before anyone says "merci") and computes the delay."""
    territoire = catalogue.territoire_of(donnees.commune or "")
    urgence = donnees.urgence or (conversation.urgence if conversation else None)
    topic = donnees.topic
    if topic == "autre" and conversation is not None and conversation.topic:
        topic = conversation.topic
    demande = Demande(
        reference=_reference_libre(session),
        statut=StatutDemande.nouvelle,
        source=source,
        topic="urgence" if urgence else topic,
        urgence=urgence,
        langue=langue,
        commune_code=donnees.commune,
        territoire_id=territoire.id if territoire else None,
        prenom=donnees.prenom,
        contact=donnees.contact,
        telephone=donnees.telephone,
        email=donnees.email,
        message=donnees.message,
        consentement_at=now,
        conversation=conversation,
    )
    session.add(demande)
    session.flush()
    journaliser(session, demande, None, Action.creation, source=source.value)
    session.commit()
    count_at_kiosk(Evenement.borne_demande)  # nothing when not at a kiosk
    accuse = accuse_for(demande, catalogue=catalogue, now=now, delais=delais)
    if accuse.echeance is not None:
        demande.echeance_at = accuse.echeance.replace(tzinfo=now.tzinfo).astimezone(UTC)
        session.commit()
    return accuse


def _reference_libre(session: Session) -> str:
    """A reference not yet used (the unique constraint stays the last word)."""
    while True:
        reference = new_reference()
        if session.scalar(select(Demande.id).where(Demande.reference == reference)) is None:
            return reference


def accuse_for(
    demande: Demande, *, catalogue: Catalogue, now: datetime, delais: tuple[int, int]
) -> Accuse:
    """The accueil that answers and the time by which it should, from `now`."""
    local = now.replace(tzinfo=None)
    accueil, ouverture = accueil_qui_repond(catalogue, demande.territoire_id, local)
    echeance = None
    if accueil is not None:
        echeance = echeance_premier_contact(
            accueil.horaires_accueil,
            local,
            urgent=demande.est_urgente,
            minutes_urgent=delais[0],
            jours_normal=delais[1],
        )
    return Accuse(demande=demande, accueil=accueil, echeance=echeance, ouverture=ouverture,
                  numeros=numeros_pour(catalogue, demande.urgence))


def visible_par(agent: Agent) -> list[object]:
    """SQL conditions limiting the demandes an agent may see to their territory. A conseiller
    numérique sees none: he makes none, the premier accueil is not his to read."""
    if agent.role == Role.conseiller_numerique:
        return [false()]
    if agent.role in ROLES_TOUS_TERRITOIRES:
        return []
    # Without a territory (urgent, no commune given): every accueil sees it, to call back.
    return [or_(Demande.territoire_id == agent.territoire_id, Demande.territoire_id.is_(None))]


def list_demandes(session: Session, *, agent: Agent) -> list[Demande]:
    query = (
        select(Demande)
        .where(*visible_par(agent))
        .order_by(Demande.urgence.is_(None), Demande.created_at)
    )
    return list(session.scalars(query))


def find_demande(session: Session, *, reference: str) -> Demande | None:
    return session.scalar(select(Demande).where(Demande.reference == reference))


def get_demande(session: Session, *, reference: str, agent: Agent) -> Demande:
    demande = session.scalar(
        select(Demande).where(Demande.reference == reference, *visible_par(agent))
    )
    if demande is None:
        raise DemandeIntrouvable(reference)
    return demande
