"""Template helpers of the door: local dates and times, labels of stable codes."""

from __future__ import annotations

from datetime import date, datetime

from babel import dates
from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from portal.rendez_vous.creneaux import PARIS

STATUTS = {
    "prevu": _l("Prévu"),
    "annule": _l("Annulé"),
    "present": _l("Présent"),
    "absent": _l("Absent sans prévenir"),
    "excuse": _l("Excusé"),
}
MODALITES = {
    "sur_place": _l("Sur place"),
    "telephone": _l("Par téléphone"),
    "visio": _l("En vidéo"),
    "domicile": _l("À domicile"),
}


def _locale() -> str:
    return str(get_locale() or "fr")


def rdv_date(moment: datetime | date, format: str = "EEEE d MMMM") -> str:
    if isinstance(moment, datetime):
        moment = moment.astimezone(PARIS).date()
    return dates.format_date(moment, format, locale=_locale())


def rdv_heure(moment: datetime) -> str:
    return dates.format_time(moment, "HH:mm", tzinfo=PARIS, locale=_locale())


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        rdv_date=rdv_date, rdv_heure=rdv_heure, rdv_statuts=STATUTS, rdv_modalites=MODALITES
    )
