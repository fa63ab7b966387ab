"""Conseillers numériques: the mandate (Aidants Connect model), acting with a person under it,
and the conseiller's home. Agent pages under /agent/aidants; the receipt's check under /mandats."""

from __future__ import annotations

from flask import Blueprint, Flask

bp_agent = Blueprint("aidants", __name__, url_prefix="/agent/aidants")
bp_public = Blueprint("mandats", __name__, url_prefix="/mandats")

from portal.aidants import routes, routes_actions, routes_public  # noqa: E402,F401


def init_app(app: Flask) -> None:
    app.register_blueprint(bp_agent)
    app.register_blueprint(bp_public)
