"""The JSON API, /api/v1: parses into the doors' schemas and calls the doors' services."""

from flask import Blueprint, Flask

from portal.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from portal.api.errors import init_errors  # noqa: E402

init_errors(bp)

# Each module registers its routes on bp.
from portal.api import (  # noqa: E402,F401
    chat,
    courriers,
    demandes,
    health,
    lieux,
    openapi,
    rendez_vous,
    simulations,
    triage,
)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    csrf.exempt(bp)  # the JSON API authenticates by token, not by cookie
