"""One error path for the whole API: a view raises `DonneesInvalides` (portal.validation), and
one handler answers 4xx (or 503) with `{"erreurs": {"<field>": "<message>"}}`.

Messages are in the request's language; field paths are dotted (`adultes.0.date_naissance`)
so that the API and the HTML forms name a field the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext as _
from pydantic import ValidationError

from portal.validation import DonneesInvalides, validation_errors

__all__ = ["DonneesInvalides", "init_errors", "parse_body", "parse_data", "parse_query"]

T = TypeVar("T")


def parse_body(parse: Callable[[dict[str, Any]], T]) -> T:
    """The JSON body read by `parse` (a schema's validation), or DonneesInvalides."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise DonneesInvalides({"_": _("Le corps de la demande doit être un objet JSON.")})
    return parse_data(parse, data)


def parse_query(parse: Callable[[dict[str, Any]], T]) -> T:
    """The query string read by `parse`, or DonneesInvalides."""
    return parse_data(parse, request.args.to_dict())


def parse_data(parse: Callable[[dict[str, Any]], T], data: dict[str, Any]) -> T:
    """`parse(data)`, or DonneesInvalides with one message per field."""
    try:
        return parse(data)
    except ValidationError as exc:
        raise DonneesInvalides(validation_errors(exc)) from None


def init_errors(bp: Blueprint) -> None:
    @bp.errorhandler(DonneesInvalides)
    def _donnees_invalides(exc: DonneesInvalides) -> tuple[Response, int]:
        return jsonify(exc.as_json()), exc.status
