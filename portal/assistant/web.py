"""Helpers the chat pages and the chat API share: the person's chat token and Rasa's client."""

from __future__ import annotations

from flask import current_app, session

from portal.assistant.conversations import new_jeton
from portal.assistant.relay import RasaClient


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
