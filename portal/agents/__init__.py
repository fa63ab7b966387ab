"""Agent accounts, roles, sign-in (argon2, lockout, re-authentication after 15 minutes idle)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("agents", __name__, url_prefix="/agent")

from portal.agents import acces, routes  # noqa: E402,F401
from portal.agents.cli import agents_cli  # noqa: E402
from portal.agents.outils import ROLES, outils_agent  # noqa: E402


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    acces.init_app(app)
    app.cli.add_command(agents_cli)
    app.jinja_env.globals.update(outils_agent=outils_agent, roles_agent=ROLES)
