"""Prendre rendez-vous: motifs, plages, créneaux, booking, manage links, ICS, reminders.

Two blueprints: `rendez_vous` for the public (no account) and `rendez_vous_agent` under
/agent/rendez-vous. `init_app` registers both, the settings and `flask rendez-vous …`.
"""

from __future__ import annotations

import os

from flask import Blueprint, Flask

from portal.config import ConfigurationError

bp = Blueprint("rendez_vous", __name__)
bp_agent = Blueprint("rendez_vous_agent", __name__, url_prefix="/agent/rendez-vous")

# Settings, each also read from the environment variable of the same name.
REGLAGES: dict[str, object] = {
    "SMTP_HOST": None,
    "SMTP_PORT": 25,
    "SMTP_USER": None,
    "SMTP_PASSWORD": None,
    "SMTP_STARTTLS": "false",
    "SMTP_TIMEOUT": 10,
    "MAIL_FROM": "Bonne Porte <ne-pas-repondre@bonne-porte.invalid>",
    "SMS_BACKEND": "journal",  # or "http"
    "SMS_HTTP_URL": None,
    "SMS_HTTP_TOKEN": None,
    "SMS_EXPEDITEUR": "Eure",
    # Try the confirmation right after booking; the worker retries whatever failed.
    "RENDEZ_VOUS_ENVOI_IMMEDIAT": "true",
    "RENDEZ_VOUS_LIMITE": "10 per minute",  # public POSTs, per address
}

from portal.rendez_vous import routes, routes_agent  # noqa: E402,F401  (register the views)


def init_app(app: Flask) -> None:
    from portal.rendez_vous import affichage
    from portal.rendez_vous.cli import rendez_vous_cli

    for cle, defaut in REGLAGES.items():
        if cle not in app.config:
            app.config[cle] = defaut if app.testing else os.environ.get(cle, defaut)
    if app.config["SMS_BACKEND"] not in {"journal", "http"}:
        raise ConfigurationError("SMS_BACKEND doit valoir journal ou http.")
    if app.config["SMS_BACKEND"] == "http" and not app.config["SMS_HTTP_URL"]:
        raise ConfigurationError("SMS_BACKEND=http demande SMS_HTTP_URL.")
    app.register_blueprint(bp)
    app.register_blueprint(bp_agent)
    app.cli.add_command(rendez_vous_cli)
    affichage.init_app(app)
