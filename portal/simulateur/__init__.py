"""Mes droits: the simulator door (OpenFisca-France for national aids, content for local ones)."""

from flask import Flask

from portal.simulateur import (  # noqa: F401  (their views are on routes.bp)
    moteur,
    routes,
    routes_et_si,
    routes_ticket,
)


def init_app(app: Flask) -> None:
    app.register_blueprint(routes.bp)
    moteur.init_app(app)
