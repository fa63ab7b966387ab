"""Helpers the templates share: local dates and times, phone numbers, labels of stable codes."""

from __future__ import annotations

from datetime import datetime, time

import phonenumbers
from babel import dates, numbers
from flask import Flask, current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal.catalogue import mots_departement

TYPES_LIEU = {
    "maison_des_solidarites": _l("Maison des solidarités"),
    "france_services": _l("France Services"),
    "antenne": _l("Antenne"),
    "permanence": _l("Permanence"),
}


def porte_ouverte(endpoint: str) -> bool:
    """Whether the page `endpoint` is served (an app built without a door hides its links).

    The only such check: tests/integration/pages/test_porte_ouverte.py finds every endpoint
    given here (and the doors and agent tools) in the whole app, so that a misspelt name fails
    the tests instead of hiding a link."""
    return endpoint in current_app.view_functions


def _locale() -> str:
    return str(get_locale() or "fr")


def format_datetime_local(value: datetime, pattern: str) -> str:
    """A local (naive) time shown as is: no time-zone conversion."""
    return dates.format_datetime(value, pattern, locale=_locale())


def format_time_local(value: time, pattern: str = "HH:mm") -> str:
    return dates.format_time(value, pattern, locale=_locale())


def format_decimal(value: float) -> str:
    return numbers.format_decimal(value, locale=_locale())


def format_telephone(e164: str) -> str:
    """+33232000000 → 02 32 00 00 00, the way people read a French number."""
    try:
        numero = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(numero, phonenumbers.PhoneNumberFormat.NATIONAL)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        format_datetime=format_datetime_local,
        format_time=format_time_local,
        format_decimal=format_decimal,
        format_telephone=format_telephone,
        types_lieu=TYPES_LIEU,
        mots_departement=mots_departement,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
