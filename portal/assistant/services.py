"""The assistant door's public surface: the conversation, the Rasa client and the triage router.
Other doors, the API and the CLI import the door only from this module."""

from __future__ import annotations

from portal.assistant.conversations import (
    find_conversation,
    handle_message,
    new_jeton,
    new_messages,
)
from portal.assistant.passage import close, fin_du_relais, hand_off, reply, resume
from portal.assistant.relay import AssistantIndisponible
from portal.assistant.web import jeton_de_session, rasa_client, routeur

__all__ = [
    "AssistantIndisponible",
    "close",
    "fin_du_relais",
    "hand_off",
    "reply",
    "resume",
    "find_conversation",
    "handle_message",
    "jeton_de_session",
    "new_jeton",
    "new_messages",
    "rasa_client",
    "routeur",
]
