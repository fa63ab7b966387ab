"""Helpers the chat pages and the chat API share: the person's chat token and Rasa's client."""

from __future__ import annotations

from flask import current_app, session

from portal.assistant.conversations import new_jeton
from portal.assistant.relay import RasaClient
from portal.assistant.second_avis import Routeur, Seuils
from portal.catalogue import current_catalogue


def jeton_de_session(cree: bool = True) -> str | None:
    """The chat token kept in the session cookie (never in localStorage, never in a URL)."""
    jeton = session.get("chat")
    if jeton is None and cree:
        jeton = session["chat"] = new_jeton()
    return jeton


def rasa_client(timeout: float | None = None) -> RasaClient:
    config = current_app.config
    return RasaClient(
        config["RASA_URL"],
        timeout=timeout or config["RASA_TIMEOUT_SECONDS"],
        token=config.get("RASA_TOKEN"),
    )


def routeur() -> Routeur:
    """The routing of POST /api/v1/triage and of the chat: one place, one behaviour. The
    model is given only RASA_TRIAGE_TIMEOUT_SECONDS: after that the lexicon answers alone."""
    config = current_app.config
    return Routeur(
        catalogue=current_catalogue(),
        seuils=Seuils(sujet=config["RASA_URGENCE_SEUIL_SUJET"],
                      inconnu=config["RASA_URGENCE_SEUIL_INCONNU"],
                      confirmation=config["RASA_URGENCE_SEUIL_CONFIRMATION"]),
        rasa=rasa_client(timeout=config["RASA_TRIAGE_TIMEOUT_SECONDS"]),
    )
