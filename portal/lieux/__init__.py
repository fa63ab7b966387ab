"""Trouver un lieu: places for a commune, sectorisation commune → territoire → lieux."""

from flask import Blueprint

bp = Blueprint("lieux", __name__)

from portal.lieux import routes  # noqa: E402,F401  (registers the views on bp)
