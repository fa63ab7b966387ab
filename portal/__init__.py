"""Bonne Porte: the citizen-facing portal of the département's solidarity services."""

from __future__ import annotations

import logging
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
    config.check(app.config)
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
    if not app.config.get("SMS_EXPEDITEUR") and "catalogue" in app.extensions:
        app.config["SMS_EXPEDITEUR"] = app.extensions["catalogue"].departement.expediteur_sms

    # One package per door; each registers its blueprints, commands and template helpers.
    from portal import (
        accueil,
        agents,
        aidants,
        api,
        assistant,
        borne,
        cli,
        courriers,
        indicateurs,
        lieux,
        pages,
        rendez_vous,
        simulateur,
    )

    doors = (pages, lieux, api, agents, aidants, accueil, assistant, borne, courriers,
             indicateurs,
             rendez_vous, simulateur)
    for door in doors:
        door.init_app(app)
    cli.init_app(app)
    return app


def _load_catalogue(app: Flask) -> None:
    try:
        catalogue.init_app(app)
    except catalogue.CatalogueError as exc:
        # `flask content check` must still run to list the problems; nothing is ever served.
        if not config.run_from_cli():
            raise
        error = exc  # `exc` is unbound once the except block ends
        app.extensions["catalogue_error"] = error

        @app.before_request
        def _refuse() -> None:
            raise error

