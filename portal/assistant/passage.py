"""The hand-off to a human, the assistant's side: the one place that writes the chat when a
demande is stored (`hand_off`), when an agent answers (`reply`) and when the agent closes it
(`close`, then `resume` with the Rasa client passed in).

The accueil door (its agent pages) and the API call these; the demande itself (its statut, its
journal) is the accueil door's. After `hand_off` the bot stays silent: the person's messages go
to the agent's ticket until `close`.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from portal.assistant.conversations import new_jeton
from portal.assistant.relay import AssistantIndisponible, RasaClient
from portal.models import Auteur, Conversation, MessageConversation


def hand_off(session: Session, *, conversation: Conversation, texte: str) -> None:
    """Tells the person, in the chat, that their demande is stored and when to expect an answer
    (`texte`, the accueil door's acknowledgement)."""
    conversation.messages.append(
        MessageConversation(conversation=conversation, de=Auteur.systeme, texte=texte,
                            langue=conversation.langue)
    )
    session.commit()


def reply(
    session: Session, *, conversation: Conversation, agent_id: int, texte: str, langue: str
) -> MessageConversation:
    """An agent's answer, added to the person's chat; the caller commits it with its journal."""
    message = MessageConversation(
        conversation=conversation, de=Auteur.agent, texte=texte, langue=langue, agent_id=agent_id
    )
    session.add(message)
    return message


def fin_du_relais(langue: str) -> str:
    """The sentence that ends the hand-off, in the person's language."""
    with force_locale(langue):
        return _("La personne de l'accueil a terminé. Vous pouvez de nouveau écrire à l'assistant.")


def close(session: Session, *, conversation: Conversation, texte: str, langue: str) -> None:
    """Ends the hand-off in the chat (`texte`: `fin_du_relais`); the caller commits it with the
    closing of the demande, then calls `resume`."""
    session.add(MessageConversation(
        conversation=conversation, de=Auteur.systeme, texte=texte, langue=langue
    ))


def resume(session: Session, *, conversation: Conversation, rasa: RasaClient) -> None:
    """Wakes the bot for this conversation; if Rasa is down, the next message starts afresh."""
    try:
        rasa.resume(sender=conversation.rasa_sender)
    except AssistantIndisponible:
        conversation.rasa_sender = new_jeton()
        session.commit()
