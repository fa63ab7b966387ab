"""Comprendre un courrier: the code on a letter opens a plain-language explanation."""

from flask import Blueprint, Flask

bp = Blueprint("courriers", __name__)

from portal.courriers import admin, routes  # noqa: E402,F401  (register the views on bp)
from portal.courriers.cli import courriers_cli  # noqa: E402


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(courriers_cli)
