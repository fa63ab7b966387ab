"""Indicateurs: the figures the département's plans track (demandes, rendez-vous, counters of
anonymous events), per territoire and week, for the responsables and the admin."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("indicateurs", __name__)


def init_app(app: Flask) -> None:
    # Here, not at the top: every door counts its events through this door's services, and
    # these pages read the accueil door's labels; importing the pages with the package would
    # close the loop.
    from portal.indicateurs import routes  # noqa: F401  (registers the views on bp)

    app.register_blueprint(bp)
