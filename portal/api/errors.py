"""One error format for the whole API: 4xx with `{"erreurs": {"<field>": "<message>"}}`.

Messages are in the request's language; field paths are dotted (`adultes.0.date_naissance`)
so that the API and the HTML forms name a field the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext as _
from pydantic import ValidationError

from portal.validation import ErreurChamp, validation_errors

__all__ = [
    "CorpsInvalide",
    "ErreurChamp",
    "body_error",
    "json_body",
    "json_error",
    "parse_body",
    "validation_errors",
]

T = TypeVar("T")


class CorpsInvalide(Exception):
    """A request body the API refuses: answered 400 with one message per field."""

    def __init__(self, erreurs: dict[str, str]) -> None:
        super().__init__(erreurs)
        self.erreurs = erreurs


def parse_body(parse: Callable[[dict[str, Any]], T]) -> T:
    """The JSON body read by `parse` (a schema's validation), or CorpsInvalide."""
    data = json_body()
    if data is None:
        raise CorpsInvalide({"_": _("Le corps de la demande doit être un objet JSON.")})
    try:
        return parse(data)
    except ValidationError as exc:
        raise CorpsInvalide(validation_errors(exc)) from None


def init_errors(bp: Blueprint) -> None:
    @bp.errorhandler(CorpsInvalide)
    def _corps_invalide(exc: CorpsInvalide) -> tuple[Response, int]:
        return json_error(exc.erreurs)


def json_error(erreurs: dict[str, str], status: int = 400) -> tuple[Response, int]:
    return jsonify({"erreurs": erreurs}), status


def json_body() -> dict[str, Any] | None:
    """The request's JSON object, or None when the body is not a JSON object."""
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else None


def body_error() -> tuple[Response, int]:
    return json_error({"_": _("Le corps de la demande doit être un objet JSON.")})
