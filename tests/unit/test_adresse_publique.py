"""A request on another host than PUBLIC_BASE_URL is said once in the log, never per request."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from portal import create_app
from tests.conftest import make_config


@pytest.mark.parametrize(("publique", "avertissements"), [
    ("http://127.0.0.1:5000", 1),  # the test client asks http://localhost/
    ("http://localhost", 0),
    ("http://LOCALHOST:80/", 0),
])
def test_a_different_host_is_logged_once(
    publique: str, avertissements: int, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(make_config(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path,
                                 PUBLIC_BASE_URL=publique))
    caplog.set_level(logging.WARNING, logger="portal.adresse_publique")
    client = app.test_client()
    for _ in range(3):
        client.get("/page-qui-n-existe-pas")
    lignes = [r.getMessage() for r in caplog.records if r.name == "portal.adresse_publique"]
    assert len(lignes) == avertissements
    for ligne in lignes:
        assert "localhost" in ligne and publique in ligne
        assert "page-qui-n-existe-pas" not in ligne  # never the path asked for
