"""Mes droits: the simulator door (OpenFisca-France for national aids, content for local ones)."""

from flask import Flask

from portal.simulateur import moteur, routes, routes_et_si  # noqa: F401  (its view is on routes.bp)


def init_app(app: Flask) -> None:
    app.register_blueprint(routes.bp)
    moteur.init_app(app)
