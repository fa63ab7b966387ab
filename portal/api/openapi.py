"""GET /api/v1/openapi.json: the API contract, kept as YAML beside the code it describes."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from flask import Response, jsonify

from portal.api import bp

DOCUMENT = Path(__file__).with_name("openapi.yml")


@cache
def document() -> dict[str, Any]:
    return yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(document())
