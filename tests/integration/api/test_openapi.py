"""The OpenAPI document lists every /api/v1 route of the URL map, with its methods, and
nothing that does not exist."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

PREFIXE = "/api/v1"


def _routes(app: Flask) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIXE + "/"):
            continue
        chemin = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule.removeprefix(PREFIXE))
        routes |= {(chemin, m.lower()) for m in rule.methods or () if m not in {"HEAD", "OPTIONS"}}
    return routes


def test_the_document_lists_every_route_and_only_them(app: Flask, client: FlaskClient) -> None:
    document = client.get(f"{PREFIXE}/openapi.json").get_json()
    documentees = {(chemin, m) for chemin, ops in document["paths"].items() for m in ops}
    routes = _routes(app)
    assert {("/chat", "post"), ("/chat/nouveaux", "post"), ("/demandes", "post")} <= routes
    assert sorted(routes - documentees) == [], "routes sans documentation"
    assert sorted(documentees - routes) == [], "documentation sans route"


def test_every_reference_of_the_document_resolves(client: FlaskClient) -> None:
    document = client.get(f"{PREFIXE}/openapi.json").get_json()
    refs = set(re.findall(r'"\$ref": "#/([^"]+)"', str(document).replace("'", '"')))
    for ref in refs:
        noeud = document
        for partie in ref.split("/"):
            assert partie in noeud, ref
            noeud = noeud[partie]
