"""Premier accueil: a demande handed over by the assistant, a form, a kiosk, an aidant or the phone,
and the conversation (transcript) that goes with it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, Horodatage, utcnow


class StatutDemande(StrEnum):
    nouvelle = "nouvelle"
    prise_en_charge = "prise_en_charge"
    rendez_vous_pris = "rendez_vous_pris"
    orientee = "orientee"
    en_attente = "en_attente"
    close = "close"


class SourceDemande(StrEnum):
    assistant = "assistant"
    formulaire = "formulaire"
    borne = "borne"
    aidant = "aidant"
    telephone = "telephone"


class ModeContact(StrEnum):
    telephone = "telephone"
    email = "email"
    chat = "chat"


class Auteur(StrEnum):
    usager = "usager"
    assistant = "assistant"
    agent = "agent"
    systeme = "systeme"


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
        return next((d for d in self.demandes if d.statut != StatutDemande.close), None)


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
    consentement_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"), index=True
    )
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id"))
    # When the service level says someone must have answered (from the accueil's hours).
    echeance_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    premier_contact_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    close_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    issue: Mapped[str | None] = mapped_column(String(60))

    conversation: Mapped[Conversation | None] = relationship(back_populates="demandes")

    @property
    def est_urgente(self) -> bool:
        return self.urgence is not None
