"""Validation errors as `{"<field>": "<message in the person's language>"}`, for every door.

The API and the HTML forms both use this, so a field is named and explained the same way.
"""

from __future__ import annotations

from typing import Any, Literal

from flask_babel import gettext as _
from pydantic import ValidationError


class DonneesInvalides(Exception):
    """Input (or a request) refused: one translated message per field, and its status.

    The one error type of the JSON API: its handler answers `status` with
    `{"erreurs": {"<field>": "<message>"}, **extra}` (DESIGN.md). The forms show the same
    messages beside the same fields.
    """

    def __init__(self, erreurs: dict[str, str], status: int = 400, **extra: Any) -> None:
        super().__init__(erreurs)
        self.erreurs = erreurs
        self.status = status
        self.extra = extra

    def as_json(self) -> dict[str, Any]:
        return {"erreurs": self.erreurs, **self.extra}


class ErreurChamp(ValueError):
    """Raised by a cross-field check (a model validator) for the one field it is about."""

    def __init__(self, champ: str, message: str) -> None:
        super().__init__(message)
        self.champ = champ


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
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, ErreurChamp):
            champ = ".".join([*(str(p) for p in error["loc"]), cause.champ])
        else:
            champ = ".".join(str(part) for part in error["loc"]) or "_"
        erreurs.setdefault(champ, _message(error))
    return erreurs


def telephone_fr(value: str | None) -> str | None:
    """A French (or international) phone number as people type it, normalised to E.164."""
    import phonenumbers

    if not value:
        return None
    try:
        numero = phonenumbers.parse(value, "FR")
    except phonenumbers.NumberParseException:
        numero = None
    if numero is None or not phonenumbers.is_valid_number(numero):
        raise ValueError(_("Ce numéro de téléphone n'est pas valide. Exemple : 06 12 34 56 78."))
    return phonenumbers.format_number(numero, phonenumbers.PhoneNumberFormat.E164)


def est_portable(e164: str) -> bool:
    """A number that can receive an SMS: French 06/07 (+33 6/7), or abroad a number that may be
    a mobile (some countries, such as the United States, do not tell them apart)."""
    import phonenumbers

    numero = phonenumbers.parse(e164, "FR")
    return phonenumbers.number_type(numero) in {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }


def type_telephone(e164: str) -> Literal["portable", "fixe"]:
    """"portable" when an SMS can reach the number, "fixe" otherwise (no SMS, ever)."""
    return "portable" if est_portable(e164) else "fixe"


def telephone_portable(value: str | None) -> str | None:
    """A mobile number only (the field promises an SMS), normalised to E.164."""
    e164 = telephone_fr(value)
    if e164 is not None and not est_portable(e164):
        raise ValueError(_(
            "Ce numéro est un fixe : il ne peut pas recevoir de SMS. Donnez un portable "
            "(06 ou 07), ou écrivez ce numéro dans « Téléphone fixe »."
        ))
    return e164


def email(value: str | None) -> str | None:
    """An e-mail address, normalised (no delivery check: no network at validation time)."""
    from email_validator import EmailNotValidError, validate_email

    if not value:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValueError(_("Cette adresse e-mail n'est pas valide.")) from None
