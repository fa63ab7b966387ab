"""Prendre rendez-vous: motifs, plages, créneaux, booking, manage links, ICS, reminders.

Two blueprints: `rendez_vous` for the public (no account) and `rendez_vous_agent` under
/agent/rendez-vous. `init_app` registers both, the display helpers and `flask rendez-vous …`;
the settings (SMTP, SMS, limits) are read in portal/config.py.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("rendez_vous", __name__)
bp_agent = Blueprint("rendez_vous_agent", __name__, url_prefix="/agent/rendez-vous")

from portal.rendez_vous import (  # noqa: E402,F401  (the views)
    affichage,
    routes,
    routes_agent,
    routes_ateliers,
    routes_ticket,
)
from portal.rendez_vous.cli import rendez_vous_cli  # noqa: E402


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(bp_agent)
    app.cli.add_command(rendez_vous_cli)
    affichage.init_app(app)
