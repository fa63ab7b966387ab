"""POST /api/v1/triage {"text": "…"}: the topic of a message, and an urgence with its numbers."""

from __future__ import annotations

from typing import Annotated

from flask import Response, jsonify
from pydantic import BaseModel, ConfigDict, StringConstraints

from portal.api import bp
from portal.api.errors import parse_body
from portal.assistant.services import routeur
from portal.i18n import langue

TEXTE_MAX = 2000
# Spaces alone are no message; strict: a number or a list is not a text.
Texte = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXTE_MAX, strict=True)
]


class TriageRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Texte


@bp.post("/triage")
def triage() -> tuple[Response, int] | Response:
    demande = parse_body(TriageRequest.model_validate)
    resultat = routeur().trier(demande.text, langue())
    return jsonify(resultat.as_json())
