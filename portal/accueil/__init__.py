"""Premier accueil: the demandes handed over by every door, and the agents who answer them."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("accueil", __name__)

from portal.accueil import libelles, routes, routes_agent, routes_direct, routes_fiche  # noqa: E402,F401
from portal.accueil.cli import accueil_cli  # noqa: E402
from portal.accueil.forms import relais_widget  # noqa: E402


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    libelles.init_app(app)
    app.jinja_env.globals["relais_widget"] = relais_widget
    app.cli.add_command(accueil_cli)
