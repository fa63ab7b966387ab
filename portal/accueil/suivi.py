"""Working a demande at the accueil: claim, notes, call-backs, orientation, status, reassign,
close and reopen. Every change is journaled with it, in the same transaction.

Plain functions: the session, the clock and the catalogue are passed in. A change made from a
page showing an older version of the demande is refused (`DemandeModifiee`), and the database
has the last word (the demande's `version` column is checked on every UPDATE).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from portal.accueil.demandes import DemandeClose, DemandeIntrouvable
from portal.accueil.journal import journaliser
from portal.assistant.services import close, reply
from portal.catalogue import Catalogue
from portal.models import (
    Action,
    Agent,
    Demande,
    GenreSuivi,
    Issue,
    MessageConversation,
    NonRecours,
    Orientation,
    RendezVous,
    ResultatAppel,
    StatutDemande,
    SuiviDemande,
)

T = TypeVar("T")
NOTE_MAX = 2000
# What an agent may set by hand; the others follow from an action (rendez-vous, orientation).
STATUTS_MANUELS = {StatutDemande.prise_en_charge, StatutDemande.en_attente}
ISSUES = tuple(Issue)


class DejaPriseEnCharge(Exception):
    def __init__(self, agent_id: int | None) -> None:
        super().__init__(agent_id)
        self.agent_id = agent_id


class DemandeModifiee(Exception):
    """The page was older than the demande: nothing was changed."""


class SaisieInvalide(ValueError):
    """A value the accueil cannot accept (empty note, unknown partner…); `champ` says where."""

    def __init__(self, champ: str, message: str) -> None:
        super().__init__(message)
        self.champ = champ


def _ouverte(demande: Demande, version: int | None) -> None:
    if not demande.ouverte:
        raise DemandeClose(demande.reference)
    _a_jour(demande, version)


def _a_jour(demande: Demande, version: int | None) -> None:
    if version is not None and version != demande.version:
        raise DemandeModifiee(demande.reference)


def _enregistrer(session: Session, action: Callable[[], T]) -> T:
    """Runs the change and commits; a concurrent change makes it fail cleanly."""
    try:
        resultat = action()
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise DemandeModifiee() from exc
    return resultat


def _texte(texte: str | None, *, champ: str = "texte", requis: bool = True) -> str | None:
    texte = (texte or "").strip()
    if not texte:
        if requis:
            raise SaisieInvalide(champ, "vide")
        return None
    if len(texte) > NOTE_MAX:
        raise SaisieInvalide(champ, "trop_long")
    return texte


def _prendre_si_libre(session: Session, demande: Demande, agent: Agent, now: datetime) -> None:
    """Acting on a new demande takes it: the queue then shows who is on it."""
    if demande.statut == StatutDemande.nouvelle:
        demande.statut = StatutDemande.prise_en_charge
        demande.agent_id = demande.agent_id or agent.id
        demande.prise_en_charge_at = now
        journaliser(session, demande, agent, Action.prise_en_charge)


def _premier_contact(demande: Demande, now: datetime) -> None:
    if demande.premier_contact_at is None:
        demande.premier_contact_at = now


def lire(session: Session, demande: Demande, agent: Agent, *, quoi: str = "demande") -> None:
    """Every look at a demande's personal data is journaled."""
    journaliser(session, demande, agent, Action.lecture, quoi=quoi)
    session.commit()


def prendre_en_charge(session: Session, demande: Demande, agent: Agent, now: datetime) -> None:
    """Exactly one agent wins: the UPDATE only matches a demande nobody holds yet."""
    resultat = session.execute(
        update(Demande)
        .where(
            Demande.id == demande.id,
            Demande.agent_id.is_(None),
            Demande.statut == StatutDemande.nouvelle,
        )
        .values(
            agent_id=agent.id,
            statut=StatutDemande.prise_en_charge,
            prise_en_charge_at=now,
            version=Demande.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if resultat.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        session.refresh(demande)
        if not demande.ouverte:
            raise DemandeClose(demande.reference)
        raise DejaPriseEnCharge(demande.agent_id)
    journaliser(session, demande, agent, Action.prise_en_charge)
    session.commit()
    session.refresh(demande)


def ajouter_note(
    session: Session, demande: Demande, agent: Agent, texte: str | None, *,
    now: datetime, version: int | None = None,
) -> SuiviDemande:
    _a_jour(demande, version)
    note = SuiviDemande(demande=demande, agent_id=agent.id, genre=GenreSuivi.note,
                        texte=_texte(texte))

    def faire() -> SuiviDemande:
        session.add(note)
        _prendre_si_libre(session, demande, agent, now)
        demande.updated_at = now  # a note is a change: the version moves on
        journaliser(session, demande, agent, Action.note)
        return note

    return _enregistrer(session, faire)


def noter_appel(
    session: Session, demande: Demande, agent: Agent, resultat: str | None,
    texte: str | None = None, *, now: datetime, version: int | None = None,
) -> SuiviDemande:
    """A call-back attempt and its outcome; reaching the person is the first contact."""
    _ouverte(demande, version)
    try:
        issue = ResultatAppel(resultat or "")
    except ValueError:
        raise SaisieInvalide("resultat", "inconnu") from None
    appel = SuiviDemande(demande=demande, agent_id=agent.id, genre=GenreSuivi.appel,
                         resultat=issue, texte=_texte(texte, requis=False))

    def faire() -> SuiviDemande:
        session.add(appel)
        _prendre_si_libre(session, demande, agent, now)
        if issue == ResultatAppel.joint:
            _premier_contact(demande, now)
        demande.updated_at = now
        journaliser(session, demande, agent, Action.appel, resultat=issue.value)
        return appel

    return _enregistrer(session, faire)


def orienter(
    session: Session, demande: Demande, agent: Agent, *, catalogue: Catalogue,
    partenaire: str | None, situation: str | None, besoin: str | None, consentement: bool,
    now: datetime, version: int | None = None,
) -> Orientation:
    """The fiche de liaison: stored, then printable and exportable from the demande's page."""
    _ouverte(demande, version)
    if not partenaire or partenaire not in catalogue.partenaires:
        raise SaisieInvalide("partenaire", "inconnu")
    fiche = Orientation(
        demande=demande, agent_id=agent.id, partenaire=partenaire,
        situation=_texte(situation, champ="situation"),
        besoin=_texte(besoin, champ="besoin"), consentement=consentement,
    )

    def faire() -> Orientation:
        session.add(fiche)
        _prendre_si_libre(session, demande, agent, now)
        demande.orientation = partenaire
        demande.statut = StatutDemande.orientee
        journaliser(session, demande, agent, Action.orientation, partenaire=partenaire,
                    consentement=consentement)
        return fiche

    return _enregistrer(session, faire)


def marquer_non_recours(
    session: Session, demande: Demande, agent: Agent, cause: str | None, *,
    version: int | None = None,
) -> None:
    _a_jour(demande, version)
    if cause:
        try:
            cause = NonRecours(cause).value
        except ValueError:
            raise SaisieInvalide("non_recours", "inconnu") from None

    def faire() -> None:
        demande.non_recours = cause or None
        journaliser(session, demande, agent, Action.non_recours, cause=cause or None)

    _enregistrer(session, faire)


def changer_statut(
    session: Session, demande: Demande, agent: Agent, statut: str | None, *,
    now: datetime, version: int | None = None,
) -> None:
    """Waiting for the person, or back to being worked on."""
    _ouverte(demande, version)
    if statut not in STATUTS_MANUELS:
        raise SaisieInvalide("statut", "inconnu")

    def faire() -> None:
        _prendre_si_libre(session, demande, agent, now)
        demande.statut = StatutDemande(statut)
        journaliser(session, demande, agent, Action.statut, statut=statut)

    _enregistrer(session, faire)


def reassigner(
    session: Session, demande: Demande, agent: Agent, *, catalogue: Catalogue,
    territoire_id: str | None, lieu_id: str | None, note: str | None,
    now: datetime, version: int | None = None,
) -> None:
    """Hands the demande to another territory or lieu: it is new again in their queue."""
    _ouverte(demande, version)
    texte = _texte(note, champ="note")
    lieu = catalogue.lieux.get(lieu_id) if lieu_id else None
    if lieu_id and lieu is None:
        raise SaisieInvalide("lieu", "inconnu")
    territoire_id = territoire_id or (lieu.territoire if lieu else None)
    if territoire_id not in catalogue.territoires:
        raise SaisieInvalide("territoire", "inconnu")
    if lieu is not None and lieu.territoire != territoire_id:
        raise SaisieInvalide("lieu", "hors_territoire")
    ancien = demande.territoire_id

    def faire() -> None:
        session.add(SuiviDemande(demande=demande, agent_id=agent.id,
                                 genre=GenreSuivi.reassignation, texte=texte))
        demande.territoire_id = territoire_id
        demande.lieu_id = lieu_id or None
        if territoire_id != ancien:
            demande.agent_id = None
            demande.statut = StatutDemande.nouvelle
        journaliser(session, demande, agent, Action.reassignation, de=ancien,
                    vers=territoire_id, lieu=lieu_id or None)

    _enregistrer(session, faire)


def lier_rendez_vous(
    session: Session, demande: Demande, agent: Agent, rendez_vous: RendezVous, *, now: datetime
) -> None:
    """A rendez-vous booked for the person from the demande."""
    _ouverte(demande, None)

    def faire() -> None:
        _prendre_si_libre(session, demande, agent, now)
        _premier_contact(demande, now)
        demande.rendez_vous_id = rendez_vous.id
        demande.statut = StatutDemande.rendez_vous_pris
        journaliser(session, demande, agent, Action.rendez_vous, rendez_vous=rendez_vous.id,
                    motif=rendez_vous.motif_id, lieu=rendez_vous.lieu_id)

    _enregistrer(session, faire)


def rouvrir(
    session: Session, demande: Demande, agent: Agent, raison: str | None, *,
    now: datetime, version: int | None = None,
) -> None:
    _a_jour(demande, version)
    if demande.ouverte:
        raise SaisieInvalide("raison", "pas_close")
    texte = _texte(raison, champ="raison")

    def faire() -> None:
        session.add(SuiviDemande(demande=demande, agent_id=agent.id,
                                 genre=GenreSuivi.reouverture, texte=texte))
        demande.statut = StatutDemande.prise_en_charge
        demande.agent_id = agent.id
        demande.close_at = None
        demande.issue = None
        journaliser(session, demande, agent, Action.reouverture)

    _enregistrer(session, faire)


def reply_demande(
    session: Session, *, demande: Demande, agent: Agent, texte: str, now: datetime,
    version: int | None = None,
) -> MessageConversation:
    """An agent's answer, shown in the person's chat while it is open."""
    _ouverte(demande, version)
    if demande.conversation is None:
        raise DemandeIntrouvable("sans conversation")
    conversation, texte = demande.conversation, _texte(texte)

    def faire() -> MessageConversation:
        message = reply(session, conversation=conversation, agent_id=agent.id, texte=texte,
                        langue=demande.langue)
        _prendre_si_libre(session, demande, agent, now)
        _premier_contact(demande, now)
        demande.updated_at = now
        journaliser(session, demande, agent, Action.reponse)
        return message

    return _enregistrer(session, faire)


def close_demande(
    session: Session, *, demande: Demande, agent: Agent, issue: str | None, now: datetime,
    message_fin: str, version: int | None = None,
) -> None:
    """Closes with an outcome; `message_fin`, in the person's language, ends their chat."""
    _ouverte(demande, version)
    if issue not in ISSUES:
        raise SaisieInvalide("issue", "manquante")

    def faire() -> None:
        demande.statut = StatutDemande.close
        demande.issue = issue
        demande.close_at = now
        demande.agent_id = demande.agent_id or agent.id
        if demande.conversation is not None:
            close(session, conversation=demande.conversation, texte=message_fin,
                  langue=demande.langue)
        journaliser(session, demande, agent, Action.close, issue=issue)

    _enregistrer(session, faire)
