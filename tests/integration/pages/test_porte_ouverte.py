"""A link to a page is shown when the page is served; a misspelt page name fails here, instead of
hiding the link for good."""

from __future__ import annotations

import ast
from pathlib import Path

from flask import Flask

import portal
from portal.agents.outils import OUTILS
from portal.pages.portes import PORTES
from portal.templating import porte_ouverte

PORTAL = Path(portal.__file__).parent


def _endpoints_in_code() -> set[str]:
    """The literal endpoints given to `porte_ouverte(...)` anywhere in portal/."""
    found: set[str] = set()
    for path in PORTAL.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "porte_ouverte"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found


def test_every_endpoint_checked_is_a_page_of_the_whole_app(app: Flask) -> None:
    endpoints = _endpoints_in_code()
    assert {"rendez_vous.accueil", "accueil.demande", "assistant.page"} <= endpoints
    endpoints |= {porte.endpoint for porte in PORTES} | {outil.endpoint for outil in OUTILS}
    assert sorted(endpoints - set(app.view_functions)) == []


def test_a_served_page_is_open_and_a_removed_one_is_closed(app: Flask) -> None:
    with app.test_request_context("/"):
        assert porte_ouverte("rendez_vous.accueil") is True
        app.view_functions.pop("rendez_vous.accueil")
        assert porte_ouverte("rendez_vous.accueil") is False
