"""Trouver un lieu: places for a commune, sectorisation commune → territoire → lieux."""

from flask import Blueprint, Flask

bp = Blueprint("lieux", __name__)

from portal.lieux import routes  # noqa: E402,F401  (registers the views on bp)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
