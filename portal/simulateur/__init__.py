"""Mes droits: the simulator door (OpenFisca-France for national aids, content for local ones)."""

from flask import Flask

from portal.simulateur import moteur, routes


def init_app(app: Flask) -> None:
    app.register_blueprint(routes.bp)
    moteur.init_app(app)
