"""POST /api/v1/demandes: a premier accueil request, from the chat widget (its session) or
from a trusted service (the Rasa action server) with the service token."""

from __future__ import annotations

import hmac

from flask import Response, current_app, jsonify, request
from flask_babel import gettext as _

from portal.accueil.services import NouvelleDemande, create_demande, texte_accuse
from portal.api import bp
from portal.api.errors import DonneesInvalides, parse_body, parse_data
from portal.assistant.services import find_conversation, hand_off
from portal.catalogue import current_catalogue
from portal.extensions import db, limiter
from portal.horloge import maintenant
from portal.i18n import langue
from portal.models import SourceDemande


def _service() -> bool:
    attendu = current_app.config.get("SERVICE_TOKEN")
    fourni = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(attendu and fourni) and hmac.compare_digest(fourni, attendu)


@bp.post("/demandes")
@limiter.limit("10 per minute")
def demandes() -> tuple[Response, int]:
    data = parse_body(dict)
    service = _service()
    if not service:
        # From a browser: only for its own chat, and it cannot set the urgence itself.
        data.pop("urgence", None)
        if not data.get("session"):
            raise DonneesInvalides({"_": _("Identifiez-vous avec le jeton de service.")}, 401)
    session = db.session()
    conversation = find_conversation(session, data["session"]) if data.get("session") else None
    if data.get("session") and conversation is None:
        raise DonneesInvalides({"session": _("Cette conversation n'existe pas.")}, 404)
    catalogue = current_catalogue()
    donnees = parse_data(
        lambda d: NouvelleDemande.model_validate(d, context={
            "catalogue": catalogue,
            "urgent": bool(conversation is not None and conversation.urgence),
        }),
        data,
    )
    if conversation is not None and conversation.demande_ouverte is not None:
        demande = conversation.demande_ouverte
        return jsonify({"reference": demande.reference, "statut": demande.statut}), 200
    accuse = create_demande(
        session,
        donnees=donnees,
        source=SourceDemande.assistant,
        langue=conversation.langue if conversation else langue(),
        catalogue=catalogue,
        now=maintenant(),
        conversation=conversation,
        delais=current_app.config["DELAIS_ACCUEIL"],
    )
    if conversation is not None:
        hand_off(session, conversation=conversation, texte=texte_accuse(accuse))
    reponse = {
        "reference": accuse.demande.reference,
        "statut": accuse.demande.statut,
        "echeance": accuse.echeance.isoformat() if accuse.echeance else None,
        "message": texte_accuse(accuse),
    }
    return jsonify(reponse), 201
