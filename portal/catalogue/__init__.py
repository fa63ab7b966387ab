"""The content catalogue: content/ loaded, validated and indexed once at start-up."""

from __future__ import annotations

from flask import Flask, current_app

from portal.catalogue.catalogue import Catalogue
from portal.catalogue.loader import CatalogueError, Probleme, load_catalogue
from portal.i18n import langue

__all__ = [
    "Catalogue", "CatalogueError", "Probleme", "current_catalogue", "init_app", "mots_departement",
]


def init_app(app: Flask) -> None:
    """Loads content/ or refuses to start, naming every broken file, field and reason."""
    # A catalogue already loaded (the tests share one: it never changes) is used as is.
    app.extensions["catalogue"] = app.config.get("CATALOGUE") or load_catalogue(
        app.config["CONTENT_DIR"]
    )


def current_catalogue() -> Catalogue:
    return current_app.extensions["catalogue"]


def mots_departement() -> dict[str, str]:
    """The département's name for translated sentences, in the page's language (content/)."""
    return current_catalogue().departement.mots(langue())
