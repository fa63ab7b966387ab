"""Bonne Porte: the citizen-facing portal of the département's solidarity services."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from portal import adresse_publique, catalogue, config, errors, i18n, security, templating
from portal.extensions import csrf, db, limiter

log = logging.getLogger(__name__)


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Builds the app: defaults, then the environment (or the test mapping), then the parts."""
    app = Flask(__name__)
    app.config.from_mapping(config.DEFAULTS)
    if test_config is None:
        app.config.from_mapping(config.from_environment())
        app.config.from_prefixed_env("BONNE_PORTE")
    else:
        app.config.from_mapping(test_config)
    app.debug = False  # never in production; `flask run --debug` is the only way in

    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    adresse_publique.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    _load_catalogue(app)

    # One package per door; each registers its pages, commands and template helpers.
    from portal import accueil, agents, api, assistant, cli, courriers, lieux, pages, rendez_vous
    from portal.simulateur import engine as simulateur_engine
    from portal.simulateur import routes as simulateur

    app.register_blueprint(pages.bp)
    app.register_blueprint(lieux.bp)
    app.register_blueprint(api.bp)
    csrf.exempt(api.bp)  # the JSON API authenticates by token, not by cookie
    for door in (agents, accueil, assistant, courriers, rendez_vous, simulateur):
        door.init_app(app)
    simulateur_engine.init_app(app)
    cli.init_app(app)
    return app


def _load_catalogue(app: Flask) -> None:
    try:
        catalogue.init_app(app)
    except catalogue.CatalogueError as exc:
        # `flask content check` must still run to list the problems; nothing is ever served.
        if os.environ.get("FLASK_RUN_FROM_CLI") != "true":
            raise
        error = exc  # `exc` is unbound once the except block ends
        app.extensions["catalogue_error"] = error

        @app.before_request
        def _refuse() -> None:
            raise error

