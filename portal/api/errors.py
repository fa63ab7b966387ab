"""One error format for the whole API: 4xx with `{"erreurs": {"<field>": "<message>"}}`.

Messages are in the request's language; field paths are dotted (`adultes.0.date_naissance`)
so that the API and the HTML forms name a field the same way.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from flask_babel import gettext as _

from portal.validation import ErreurChamp, validation_errors

__all__ = ["ErreurChamp", "body_error", "json_body", "json_error", "validation_errors"]


def json_error(erreurs: dict[str, str], status: int = 400) -> tuple[Response, int]:
    return jsonify({"erreurs": erreurs}), status


def json_body() -> dict[str, Any] | None:
    """The request's JSON object, or None when the body is not a JSON object."""
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else None


def body_error() -> tuple[Response, int]:
    return json_error({"_": _("Le corps de la demande doit être un objet JSON.")})
