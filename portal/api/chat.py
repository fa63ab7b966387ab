"""POST /api/v1/chat: the widget's only way to the assistant (Rasa is called server-side).

POST /api/v1/chat/nouveaux: what the person has not seen yet (an agent's answers), polled.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from flask import Response, jsonify
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.api import bp
from portal.api.errors import parse_body
from portal.assistant.services import (
    find_conversation,
    handle_message,
    jeton_de_session,
    new_messages,
    rasa_client,
    routeur,
)
from portal.catalogue import current_catalogue
from portal.extensions import db, limiter
from portal.horloge import maintenant
from portal.models import Conversation, MessageConversation

Jeton = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{16,64}$")]


class ChatIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session: Jeton | None = None
    message: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=2000)]
    langue: Literal["fr", "en", "ar"] = "fr"


class NouveauxIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session: Jeton
    apres: Annotated[int, Field(ge=0, strict=True, description="Le dernier id vu")] = 0
    # The whole conversation (a page opened later in the same visit), not only the news.
    tous: Annotated[bool, Field(strict=True, description="Toute la conversation")] = False


def message_json(message: MessageConversation) -> dict[str, Any]:
    return {
        "id": message.id,
        "de": message.de,
        "texte": message.texte,
        "boutons": message.boutons or [],
        "langue": message.langue,
    }


def _demande_json(conversation: Conversation | None) -> dict[str, str] | None:
    demande = conversation.demande_ouverte if conversation else None
    return {"reference": demande.reference, "statut": demande.statut} if demande else None


@bp.post("/chat")
@limiter.limit("30 per minute")
def chat() -> tuple[Response, int] | Response:
    entree = parse_body(ChatIn.model_validate)
    jeton = entree.session or jeton_de_session()
    session = db.session()
    tour = handle_message(
        session,
        jeton=jeton,
        texte=entree.message,
        langue=entree.langue,
        catalogue=current_catalogue(),
        rasa=rasa_client(),
        routeur=routeur(),
        now=maintenant(),
    )
    conversation = find_conversation(session, jeton)
    return jsonify(
        {
            "session": jeton,
            "envoye": message_json(tour.envoye) if tour.envoye else None,
            "messages": [message_json(m) for m in tour.messages],
            "demande": _demande_json(conversation),
            "relais": tour.relais,
            "assistant": "ok" if tour.assistant_disponible else "unavailable",
        }
    )


@bp.post("/chat/nouveaux")
@limiter.limit("60 per minute")
def nouveaux() -> tuple[Response, int] | Response:
    entree = parse_body(NouveauxIn.model_validate)
    session = db.session()
    messages = new_messages(
        session, jeton=entree.session, apres=entree.apres, tous=entree.tous
    )
    conversation = find_conversation(session, entree.session)
    return jsonify(
        {"messages": [message_json(m) for m in messages], "demande": _demande_json(conversation)}
    )
