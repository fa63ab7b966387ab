"""POST /api/v1/triage {"text": "…"}: the topic of a message, and an urgence with its numbers."""

from __future__ import annotations

from typing import Annotated

from flask import Response, current_app, jsonify
from pydantic import BaseModel, ConfigDict, StringConstraints

from portal.api import bp
from portal.api.errors import parse_body
from portal.assistant.second_avis import with_model
from portal.assistant.triage import check_urgence
from portal.assistant.web import rasa_client
from portal.catalogue import current_catalogue
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
    catalogue = current_catalogue()
    resultat = check_urgence(demande.text, catalogue=catalogue, langue=langue())
    resultat = with_model(
        resultat,
        demande.text,
        rasa=rasa_client(timeout=current_app.config["RASA_TRIAGE_TIMEOUT_SECONDS"]),
        catalogue=catalogue,
        langue=langue(),
        seuil=current_app.config["RASA_URGENCE_SEUIL"],
    )
    return jsonify(resultat.as_json())
