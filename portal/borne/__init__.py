"""Bornes (kiosks) and printed tickets: a device turned into a kiosk of a lieu, where nothing of
one person reaches the next, and a ticket a person takes away (its QR code opens a summary on
their own phone)."""

from flask import Blueprint, Flask

bp = Blueprint("borne", __name__)

from portal.borne import appareil, cli, filtre, routes  # noqa: E402,F401


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    appareil.init_app(app)
    filtre.init_app(app)
    cli.init_app(app)
