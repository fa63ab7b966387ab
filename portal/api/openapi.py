"""GET /api/v1/openapi.json: the API contract, kept as YAML beside the code it describes.

`openapi/base.yml` holds the shared parts; each door adds `openapi/<door>.yml` with its
`paths` (and, if needed, `components.schemas`), merged here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from flask import Response, jsonify

from portal.api import bp

DOSSIER = Path(__file__).with_name("openapi")


@cache
def document() -> dict[str, Any]:
    base = yaml.safe_load((DOSSIER / "base.yml").read_text(encoding="utf-8"))
    for path in sorted(DOSSIER.glob("*.yml")):
        if path.name == "base.yml":
            continue
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        base["paths"].update(part.get("paths", {}))
        schemas = part.get("components", {}).get("schemas", {})
        base["components"]["schemas"].update(schemas)
    return base


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(document())
