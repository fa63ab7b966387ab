"""The configuration of an app under test or under measure: an embedded database, the clock
stopped on a Monday morning, the assistant down unless a test starts one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
CONTENT_DIR = ROOT / "content"
PARIS = ZoneInfo("Europe/Paris")
# A Monday in term time, mid-morning: places with ordinary hours are open.
LUNDI_10H = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)


def make_config(database_url: str, tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    config: dict[str, Any] = {
        "TESTING": True,
        "SECRET_KEY": "test-" + "x" * 40,
        "DATABASE_URL": database_url,
        "CONTENT_DIR": str(CONTENT_DIR),
        "PUBLIC_BASE_URL": "http://localhost",
        "SESSION_COOKIE_SECURE": False,
        # Nothing listens on the discard port: the assistant is down, quickly.
        "RASA_URL": "http://127.0.0.1:9",
        "RATELIMIT_STORAGE_URI": "memory://",
        "SIMULATEUR_WARMUP": False,
        "HEALTH_TIMEOUT_SECONDS": 1,
        "TIMEZONE": "Europe/Paris",
        "NOW": lambda: LUNDI_10H,
        "VAR_DIR": str(tmp_path),
        "RASA_TOKEN": "rasa-" + "y" * 40,
        "RASA_TIMEOUT_SECONDS": 2,
        "SERVICE_TOKEN": "service-" + "z" * 40,
        "CONVERSATIONS_JOURS": 30,
        "RASA_TRACKER_DB": str(tmp_path / "rasa_tracker.db"),
    }
    config.update(overrides)
    return config
