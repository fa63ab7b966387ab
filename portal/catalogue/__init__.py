"""The content catalogue: content/ loaded, validated and indexed once at start-up."""

from __future__ import annotations

from flask import Flask, current_app

from portal.catalogue.catalogue import Catalogue
from portal.catalogue.loader import CatalogueError, Probleme, load_catalogue

__all__ = ["Catalogue", "CatalogueError", "Probleme", "current_catalogue", "init_app"]


def init_app(app: Flask) -> None:
    """Loads content/ or refuses to start, naming every broken file, field and reason."""
    # A catalogue already loaded (the tests share one: it never changes) is used as is.
    app.extensions["catalogue"] = app.config.get("CATALOGUE") or load_catalogue(
        app.config["CONTENT_DIR"]
    )


def current_catalogue() -> Catalogue:
    return current_app.extensions["catalogue"]
