"""The public address (PUBLIC_BASE_URL) that every written link uses, checked against reality.

Links sent away from the page (SMS, e-mail, .ics, QR codes, manage links) cannot use the
request's own host: they are written by jobs too. When a request arrives on a host that differs
from PUBLIC_BASE_URL, such links would point elsewhere: the portal says it once in its log
(per process), without the address of the person or the path asked for.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, request

log = logging.getLogger(__name__)


def _hote(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


def init_app(app: Flask) -> None:
    attendue = _hote(app.config["PUBLIC_BASE_URL"]) if app.config.get("PUBLIC_BASE_URL") else None
    deja_dit: set[str] = set()

    @app.before_request
    def _verifier_hote() -> None:
        if attendue is None or deja_dit:
            return
        recue = _hote(request.host_url)
        if recue != attendue:
            deja_dit.add(recue)
            log.warning(
                "Requête reçue sur %s alors que PUBLIC_BASE_URL vaut %s : les liens écrits "
                "(SMS, courriels, .ics, QR codes) pointent vers PUBLIC_BASE_URL. "
                "Réglez PUBLIC_BASE_URL sur l'adresse publique du portail.",
                recue, app.config["PUBLIC_BASE_URL"],
            )
