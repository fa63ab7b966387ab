"""Premier accueil: a demande handed over by the assistant, a form, a kiosk, an aidant or the phone,
and the conversation (transcript) that goes with it."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, Horodatage, utcnow
from portal.models.choix import Choix
from portal.models.rendez_vous import Instant, RendezVous

if TYPE_CHECKING:
    from portal.models.agent import Agent


class Topic(Choix):
    """The topics of a demande (the triage's), with their labels: one place for the forms, the
    chat's offers, the agents' pages and the charts."""

    rsa = "rsa", _l("RSA, revenus")
    autonomie = "autonomie", _l("Personne âgée, perte d'autonomie")
    handicap = "handicap", _l("Handicap")
    logement = "logement", _l("Logement")
    enfance_famille = "enfance_famille", _l("Enfants, famille")
    budget = "budget", _l("Argent, dettes, factures")
    sante = "sante", _l("Santé")
    numerique = "numerique", _l("Démarches en ligne, internet")
    courrier = "courrier", _l("Un courrier reçu")
    rendez_vous = "rendez_vous", _l("Un rendez-vous")
    autre = "autre", _l("Autre chose")
    # Set by the triage or the chat, never chosen in a form.
    humain = "humain", _l("Demande à parler à une personne")
    urgence = "urgence", _l("Urgence")


# What a person can choose ({code: label}).
TOPICS = Topic.choix(*(t for t in Topic if t not in {Topic.humain, Topic.urgence}))


# Each code's one wording is on its enum (`.libelle`): agent pages, forms, charts and CSV alike.
class StatutDemande(Choix):
    nouvelle = "nouvelle", _l("Nouvelle")
    prise_en_charge = "prise_en_charge", _l("Prise en charge")
    rendez_vous_pris = "rendez_vous_pris", _l("Rendez-vous pris")
    orientee = "orientee", _l("Orientée")
    en_attente = "en_attente", _l("En attente de la personne")
    close = "close", _l("Close")


class SourceDemande(Choix):
    assistant = "assistant", _l("Assistant en ligne")
    formulaire = "formulaire", _l("Formulaire « Laisser une demande »")
    borne = "borne", _l("Borne d'accueil")
    aidant = "aidant", _l("Aidant ou conseiller numérique")
    telephone = "telephone", _l("Téléphone")


class ModeContact(Choix):
    telephone = "telephone", _l("Par téléphone")
    email = "email", _l("Par e-mail")
    chat = "chat", _l("Sur le chat")


class Auteur(Choix):
    usager = "usager", _l("La personne")
    assistant = "assistant", _l("Assistant automatique")
    agent = "agent", _l("Agent d'accueil")
    systeme = "systeme", _l("Message du service")


class Urgence(Choix):
    """The urgences of the triage (content/urgences), as the agents read them."""

    violence = "violence", _l("Violences")
    enfant_danger = "enfant_danger", _l("Enfant en danger")
    sans_abri = "sans_abri", _l("Sans abri ce soir")
    suicide = "suicide", _l("Idées suicidaires")
    danger_immediat = "danger_immediat", _l("Danger immédiat")


class Issue(Choix):
    """How a demande ended (`Demande.issue`)."""

    repondu = "repondu", _l("Réponse donnée")
    rendez_vous = "rendez_vous", _l("Rendez-vous pris")
    oriente = "oriente", _l("Orienté vers un partenaire")
    sans_suite = "sans_suite", _l("Sans suite (personne injoignable)")


class Conversation(Horodatage, Base):
    """A chat, known to the browser only by its random `jeton` (never personal data)."""

    __tablename__ = "conversations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jeton: Mapped[str] = mapped_column(String(64), unique=True)
    # The id Rasa knows; a new one after a purge so nothing links back.
    rasa_sender: Mapped[str] = mapped_column(String(64))
    langue: Mapped[str] = mapped_column(String(5), default="fr")
    relais_propose: Mapped[bool] = mapped_column(default=False)
    # What the triage saw last, handed to the demande so nobody asks again.
    topic: Mapped[str | None] = mapped_column(String(40))
    urgence: Mapped[str | None] = mapped_column(String(40))

    messages: Mapped[list[MessageConversation]] = relationship(
        back_populates="conversation",
        order_by="MessageConversation.id",
        cascade="all, delete-orphan",
    )
    demandes: Mapped[list[Demande]] = relationship(back_populates="conversation")

    @property
    def demande_ouverte(self) -> Demande | None:
        return next((d for d in self.demandes if d.ouverte), None)


class MessageConversation(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    de: Mapped[Auteur] = mapped_column(String(20))
    texte: Mapped[str] = mapped_column(Text)
    # [{"titre": …, "valeur": …}]: next steps offered with the message (tel: links included).
    boutons: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
    langue: Mapped[str] = mapped_column(String(5), default="fr")
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class Demande(Horodatage, Base):
    __tablename__ = "demandes"
    # The queue reads the open demandes of one territory, oldest first.
    __table_args__ = (Index("ix_demandes_file", "territoire_id", "statut", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Opaque and short enough to read on the phone; the only id ever put in a URL.
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    statut: Mapped[StatutDemande] = mapped_column(String(30), default=StatutDemande.nouvelle)
    source: Mapped[SourceDemande] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(40))
    urgence: Mapped[str | None] = mapped_column(String(40))
    langue: Mapped[str] = mapped_column(String(5), default="fr")
    commune_code: Mapped[str | None] = mapped_column(String(5))
    territoire_id: Mapped[str | None] = mapped_column(ForeignKey("territoires.id"), index=True)
    prenom: Mapped[str | None] = mapped_column(String(100))
    contact: Mapped[ModeContact] = mapped_column(String(20))
    telephone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    message: Mapped[str | None] = mapped_column(Text)
    consentement_at: Mapped[datetime] = mapped_column(Instant)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), index=True
    )
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    # When the service level says someone must have answered (from the accueil's hours).
    echeance_at: Mapped[datetime | None] = mapped_column(Instant)
    premier_contact_at: Mapped[datetime | None] = mapped_column(Instant)
    close_at: Mapped[datetime | None] = mapped_column(Instant)
    issue: Mapped[str | None] = mapped_column(String(60))
    # The lieu that follows the demande, when the accueil chose one (reassignment).
    lieu_id: Mapped[str | None] = mapped_column(ForeignKey("lieux.id"), index=True)
    prise_en_charge_at: Mapped[datetime | None] = mapped_column(Instant)
    # The partner code (content/partenaires) of the last orientation.
    orientation: Mapped[str | None] = mapped_column(String(64))
    # Why the person had not claimed their rights, when known (NonRecours).
    non_recours: Mapped[str | None] = mapped_column(String(30))
    rendez_vous_id: Mapped[int | None] = mapped_column(
        ForeignKey("rendez_vous.id", ondelete="SET NULL")
    )
    # The last message of the conversation an agent has seen: later ones from the person are
    # shown as unread in the queue.
    lu_jusqu_a: Mapped[int | None] = mapped_column(Integer)
    # Set by the purge: the row stays, anonymous, for the indicators.
    purgee_at: Mapped[datetime | None] = mapped_column(Instant)
    # +1 on every change: a page showing an older version cannot overwrite a newer one.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The database checks it on every UPDATE: of two changes from the same version, one fails.
    __mapper_args__ = {"version_id_col": version}

    conversation: Mapped[Conversation | None] = relationship(back_populates="demandes")
    agent: Mapped[Agent | None] = relationship()
    rendez_vous: Mapped[RendezVous | None] = relationship()
    suivis: Mapped[list[SuiviDemande]] = relationship(
        back_populates="demande", order_by="SuiviDemande.id", cascade="all, delete-orphan"
    )
    orientations: Mapped[list[Orientation]] = relationship(
        back_populates="demande", order_by="Orientation.id", cascade="all, delete-orphan"
    )

    @property
    def est_urgente(self) -> bool:
        return self.urgence is not None

    # One rule for "still open", read by the services, the queue's queries and the pages.
    @hybrid_property
    def ouverte(self) -> bool:
        return self.statut != StatutDemande.close

    @property
    def a_prendre(self) -> bool:
        """New and held by nobody: the first agent who acts on it takes it."""
        return self.statut == StatutDemande.nouvelle and self.agent_id is None


class NonRecours(Choix):
    """Why rights were not claimed (Odenore's typology, research/002_initiatives.md §4)."""

    meconnaissance = "meconnaissance", _l("Ne connaissait pas l'aide")
    non_reception = "non_reception", _l("A demandé sans recevoir")
    non_demande = "non_demande", _l("N'a pas demandé")
    non_proposition = "non_proposition", _l("L'aide ne lui a pas été proposée")


class GenreSuivi(Choix):
    note = "note", _l("Note")
    appel = "appel", _l("Appel")
    reassignation = "reassignation", _l("Transmission")
    reouverture = "reouverture", _l("Réouverture")


class ResultatAppel(Choix):
    joint = "joint", _l("Personne jointe")
    pas_de_reponse = "pas_de_reponse", _l("Pas de réponse")
    message_laisse = "message_laisse", _l("Message laissé")
    numero_errone = "numero_errone", _l("Numéro erroné")


class SuiviDemande(Base):
    """What the accueil did or noted. The text may hold personal data: the purge empties it."""

    __tablename__ = "suivis_demandes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    demande_id: Mapped[int] = mapped_column(
        ForeignKey("demandes.id", ondelete="CASCADE"), index=True
    )
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    genre: Mapped[GenreSuivi] = mapped_column(String(20))
    resultat: Mapped[str | None] = mapped_column(String(30))
    texte: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Instant, default=utcnow)

    demande: Mapped[Demande] = relationship(back_populates="suivis")


def reference_fiche() -> str:
    """Random (96 bits), for the fiche's URL: never its sequential id."""
    return secrets.token_urlsafe(12)


class Orientation(Base):
    """A fiche de liaison (FRIOS): who, situation, request, orientation, consent."""

    __tablename__ = "orientations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True, default=reference_fiche)
    demande_id: Mapped[int] = mapped_column(
        ForeignKey("demandes.id", ondelete="CASCADE"), index=True
    )
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    partenaire: Mapped[str] = mapped_column(String(64))
    situation: Mapped[str | None] = mapped_column(Text)
    besoin: Mapped[str | None] = mapped_column(Text)
    # The person agreed that this sheet is sent to the partner.
    consentement: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(Instant, default=utcnow)

    demande: Mapped[Demande] = relationship(back_populates="orientations")
