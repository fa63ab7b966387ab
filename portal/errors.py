"""Errors as pages in the person's language, or as `{"erreurs": …}` for the JSON API."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _message(code: int) -> str:
    messages = {
        400: _("La demande n'est pas valide."),
        403: _("Vous n'avez pas accès à cette page."),
        404: _("Cette page n'existe pas."),
        405: _("Cette action n'est pas possible ici."),
        413: _("Ce que vous avez envoyé est trop gros."),
        429: _("Trop de demandes en peu de temps. Attendez une minute, puis réessayez."),
        500: _("Une erreur est arrivée de notre côté. Réessayez dans un moment."),
    }
    return messages.get(code, messages[500] if code >= 500 else messages[400])


def render_error(code: int, message: str | None = None) -> tuple[Response | str, int]:
    text = message or _message(code)
    if _wants_json():
        return jsonify({"erreurs": {"_": text}}), code
    return render_template("errors/erreur.html", code=code, message=text), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(_exc: CSRFError) -> tuple[Response | str, int]:
        return render_error(
            400, _("Le formulaire a expiré. Rechargez la page, puis réessayez.")
        )

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> tuple[Response | str, int, dict[str, str]]:
        # The exception's own headers (Allow on a 405, Retry-After on a 429) are kept.
        corps, code = render_error(exc.code or 500)
        entetes = {nom: valeur for nom, valeur in exc.get_headers() if nom != "Content-Type"}
        return corps, code, entetes

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> tuple[Response | str, int]:
        # Logged without the request body: it may hold personal data.
        log.exception("Erreur inattendue sur %s %s", request.method, request.path)
        return render_error(InternalServerError.code)
