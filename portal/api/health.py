"""GET /api/v1/health: what works and what does not, for monitoring and for the pages."""

from __future__ import annotations

import urllib.error
import urllib.request

from flask import Response, current_app, jsonify
from sqlalchemy import text

from portal.api import bp
from portal.extensions import db


def _database() -> str:
    try:
        db.session().execute(text("SELECT 1"))
        return "ok"
    except Exception:  # any driver error means the same thing to a monitor
        current_app.logger.warning("Base de données injoignable", exc_info=True)
        return "unavailable"


def _assistant() -> str:
    url = f"{current_app.config['RASA_URL'].rstrip('/')}/"
    try:
        with urllib.request.urlopen(url, timeout=current_app.config["HEALTH_TIMEOUT_SECONDS"]):
            return "ok"
    except (urllib.error.URLError, OSError, ValueError):
        return "unavailable"


def _simulateur() -> str:
    engine = current_app.extensions.get("simulateur")
    return str(getattr(engine, "status", "unavailable"))


@bp.get("/health")
def health() -> tuple[Response, int]:
    checks = {"database": _database(), "assistant": _assistant(), "simulateur": _simulateur()}
    status = "ok" if all(v == "ok" for v in checks.values()) else "degraded"
    code = 503 if checks["database"] != "ok" else 200
    return jsonify({"status": status, "checks": checks}), code
