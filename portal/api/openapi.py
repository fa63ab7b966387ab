"""GET /api/v1/openapi.json: the API contract.

What a client may send comes from the pydantic schemas the views validate with (request
bodies and query strings), so the document cannot say less than the API checks; ids that must
be in the catalogue (communes, lieux, motifs) are listed from it. What the API answers, the
summaries and the descriptions are YAML beside the code: `openapi/base.yml` holds the shared
parts, each door adds `openapi/<door>.yml` with its `paths`, merged here.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from flask import Response, current_app, jsonify
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from portal.accueil.services import NouvelleDemande
from portal.api import bp
from portal.api.chat import ChatIn, NouveauxIn
from portal.api.lieux import CommunesQuery, LieuxQuery
from portal.api.triage import TriageRequest
from portal.catalogue import Catalogue, current_catalogue
from portal.rendez_vous.services import CreneauxQuery, DemandeRendezVous
from portal.simulateur.services import SimulationRequest, VariantesRequest

DOSSIER = Path(__file__).with_name("openapi")
REF = "#/components/schemas/{model}"

# (path, method) → the schema of its JSON body, or of its query string.
CORPS: dict[tuple[str, str], type[BaseModel]] = {
    ("/chat", "post"): ChatIn,
    ("/chat/nouveaux", "post"): NouveauxIn,
    ("/demandes", "post"): NouvelleDemande,
    ("/rendez-vous", "post"): DemandeRendezVous,
    ("/simulations", "post"): SimulationRequest,
    ("/simulations/variantes", "post"): VariantesRequest,
    ("/triage", "post"): TriageRequest,
}
REQUETES: dict[tuple[str, str], type[BaseModel]] = {
    ("/communes", "get"): CommunesQuery,
    ("/creneaux", "get"): CreneauxQuery,
    ("/lieux", "get"): LieuxQuery,
}
# The fields of these schemas checked against the catalogue, and where their ids are.
IDS_DU_CATALOGUE: dict[str, dict[str, str]] = {
    "CreneauxQuery": {"lieu": "lieux", "motif": "motifs"},
    "DemandeRendezVous": {"lieu": "lieux", "motif": "motifs", "commune": "communes"},
    "LieuxQuery": {"commune": "communes", "motif": "motifs"},
    "SimulationRequest": {"commune": "communes"},
}

def _yaml() -> dict[str, Any]:
    base = yaml.safe_load((DOSSIER / "base.yml").read_text(encoding="utf-8"))
    for path in sorted(DOSSIER.glob("*.yml")):
        if path.name == "base.yml":
            continue
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        base["paths"].update(part.get("paths", {}))
        base["components"]["schemas"].update(part.get("components", {}).get("schemas", {}))
    return base


def _sans_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is a text or absent, never null: the non-null branch of an anyOf."""
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        autres = {k: v for k, v in schema.items() if k not in {"anyOf", "default"}}
        return {**autres, **branches[0]}
    return schema


def _ids(schema: dict[str, Any], ids: list[str]) -> None:
    """The string branch of a field (nullable or not) takes the catalogue's ids as its enum."""
    for branche in [schema, *schema.get("anyOf", [])]:
        if branche.get("type") == "string":
            branche["enum"] = ids
            branche.pop("maxLength", None)
            branche.pop("minLength", None)


def _schemas(catalogue: Catalogue) -> dict[str, Any]:
    modeles = sorted({*CORPS.values(), *REQUETES.values()}, key=lambda m: m.__name__)
    _, definitions = models_json_schema(
        [(m, "validation") for m in modeles], ref_template=REF
    )
    schemas = definitions.get("$defs", {})
    for nom, champs in IDS_DU_CATALOGUE.items():
        for champ, source in champs.items():
            _ids(schemas[nom]["properties"][champ], sorted(getattr(catalogue, source)))
    for schema in schemas.values():
        schema.pop("title", None)
        for propriete in schema.get("properties", {}).values():
            propriete.pop("title", None)
    return schemas


def build_document(catalogue: Catalogue) -> dict[str, Any]:
    document = _yaml()
    schemas = _schemas(catalogue)
    document["components"]["schemas"].update(schemas)
    for (chemin, methode), modele in CORPS.items():
        operation = document["paths"][chemin][methode]
        schema = copy.deepcopy(schemas[modele.__name__])  # inline: read without a $ref
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    for (chemin, methode), modele in REQUETES.items():
        operation = document["paths"][chemin][methode]
        schema = schemas[modele.__name__]
        descriptions = {p["name"]: p for p in operation.get("parameters", [])}
        operation["parameters"] = [
            {
                **{k: v for k, v in descriptions.get(nom, {}).items() if k == "description"},
                "name": nom,
                "in": "query",
                "required": nom in schema.get("required", []),
                "schema": _sans_null(propriete),
            }
            for nom, propriete in schema["properties"].items()
        ]
    return document


@bp.get("/openapi.json")
def openapi() -> Response:
    catalogue = current_catalogue()
    fait = current_app.extensions.get("openapi")
    if fait is None or fait[0] is not catalogue:  # built once per catalogue
        fait = current_app.extensions["openapi"] = (catalogue, build_document(catalogue))
    return jsonify(fait[1])
