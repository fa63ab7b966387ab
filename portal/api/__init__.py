"""The JSON API, /api/v1: parses into the doors' schemas and calls the doors' services."""

from contextlib import suppress

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from portal.api import health, lieux, openapi  # noqa: E402,F401  (register the routes)

with suppress(ImportError):  # the simulateur door registers its route once it is installed
    from portal.api import simulations  # noqa: F401
