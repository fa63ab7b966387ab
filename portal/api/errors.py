"""One error format for the whole API: 4xx with `{"erreurs": {"<field>": "<message>"}}`.

Messages are in the request's language; field paths are dotted (`adultes.0.date_naissance`)
so that the API and the HTML forms name a field the same way.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from flask_babel import gettext as _
from pydantic import ValidationError


def json_error(erreurs: dict[str, str], status: int = 400) -> tuple[Response, int]:
    return jsonify({"erreurs": erreurs}), status


def json_body() -> dict[str, Any] | None:
    """The request's JSON object, or None when the body is not a JSON object."""
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else None


def body_error() -> tuple[Response, int]:
    return json_error({"_": _("Le corps de la demande doit être un objet JSON.")})


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if kind == "missing":
        return _("Ce champ est obligatoire.")
    if kind == "extra_forbidden":
        return _("Ce champ n'est pas prévu.")
    if kind in {"int_parsing", "int_type", "float_parsing", "float_type", "int_from_float"}:
        return _("Écrivez un nombre.")
    if kind in {"bool_parsing", "bool_type"}:
        return _("Répondez par vrai ou faux (true ou false).")
    if kind.startswith(("date_", "datetime_")):
        return _("Écrivez une date au format AAAA-MM-JJ.")
    if kind in {"string_type", "string_unicode"}:
        return _("Écrivez un texte.")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("Un objet JSON est attendu ici.")
    if kind == "list_type":
        return _("Une liste est attendue ici.")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("La valeur doit être au moins %(limite)s.", limite=ctx.get("ge", ctx.get("gt")))
    if kind in {"less_than_equal", "less_than"}:
        return _("La valeur doit être au plus %(limite)s.", limite=ctx.get("le", ctx.get("lt")))
    if kind == "string_too_long":
        return _("Ce texte est trop long : %(max)s caractères au plus.", max=ctx.get("max_length"))
    if kind == "string_too_short":
        return _("Ce champ est obligatoire.")
    if kind == "too_short":
        return _("Il en faut au moins %(min)s.", min=ctx.get("min_length"))
    if kind == "too_long":
        return _("Il en faut au plus %(max)s.", max=ctx.get("max_length"))
    if kind in {"enum", "literal_error"}:
        return _("Cette valeur n'est pas acceptée. Valeurs possibles : %(valeurs)s.",
                 valeurs=ctx.get("expected", ""))
    if kind == "string_pattern_mismatch":
        return _("Le format n'est pas le bon.")
    return _("Cette valeur n'est pas valide.")


def validation_errors(exc: ValidationError) -> dict[str, str]:
    """Field path → translated message; the first problem of each field wins."""
    erreurs: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        loc = [str(part) for part in error["loc"]]
        # Tagged unions add the tag to the path; people only know the field.
        champ = ".".join(loc) or "_"
        erreurs.setdefault(champ, _message(error))
    return erreurs
