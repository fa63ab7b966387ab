"""Shared fixtures: an app on a migrated database (SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set), a client, a CLI runner, and a clean database for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text

from mesures.configuration import CONTENT_DIR, LUNDI_10H, make_config
from portal import create_app
from portal.catalogue import Catalogue, load_catalogue
from portal.lieux.services import sync_referentiel
from portal.migrations import alembic_config
from portal.models import Base
from tests import factories
from tests.factories import MOT_DE_PASSE

# The configuration lives in mesures/ (the benchmarks use it too); the tests read these here.
__all__ = ["CONTENT_DIR", "LUNDI_10H", "MOT_DE_PASSE", "csrf_token", "login", "make_config"]

def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "app" in getattr(item, "fixturenames", ()) and "e2e" not in item.keywords:
            item.add_marker(pytest.mark.database)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(CONTENT_DIR)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Migrated once per session with Alembic, as in production."""
    url = os.environ.get("TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    )
    command.upgrade(alembic_config(url), "head")
    yield url


def _empty_tables(url: str) -> None:
    """The append-only journals' triggers are lifted for this cleaning only, then restored."""
    engine = create_engine(url)
    with engine.begin() as conn:
        verrous: list[str] = []
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            verrous = list(conn.scalars(text(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name IN ('journal_demandes', 'journal_mandats')"
            )))
            for nom in conn.scalars(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name IN ('journal_demandes', 'journal_mandats')"
            )):
                conn.execute(text(f"DROP TRIGGER {nom}"))
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        for sql in verrous:
            conn.execute(text(sql))
        if conn.dialect.name == "sqlite":
            conn.execute(text("PRAGMA optimize"))
    engine.dispose()


@pytest.fixture
def app(database_url: str, tmp_path: Path, catalogue: Catalogue) -> Iterator[Flask]:
    app = create_app(make_config(database_url, tmp_path, CATALOGUE=catalogue))
    with app.app_context():  # what `flask content sync` does at deployment
        session = app.extensions["database"].session()
        sync_referentiel(session, app.extensions["catalogue"])
        session.commit()
    yield app
    app.extensions["database"].engine.dispose()
    _empty_tables(database_url)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()




@pytest.fixture
def make_agent(app: Flask):  # type: ignore[no-untyped-def]
    """Returns a creator of agents (the places and territories are mirrored first)."""
    def _make(
        role: str = "accueil",
        email: str = "agent@exemple.fr",
        territoire: str | None = "evreux",
        lieux: tuple[str, ...] = (),
        mot_de_passe: str = MOT_DE_PASSE,
        structure: str | None = None,
    ) -> int:
        with app.app_context():
            session = app.extensions["database"].session()
            agent = factories.agent(
                session, app.extensions["catalogue"], role=role, email=email,
                territoire=territoire, lieux=lieux, mot_de_passe=mot_de_passe,
                structure=structure,
            )
            session.commit()
            return agent.id

    return _make


def csrf_token(client: FlaskClient, url: str) -> str:
    import re

    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, f"pas de jeton CSRF sur {url}"
    return match.group(1)


def login(
    client: FlaskClient, email: str = "agent@exemple.fr", mot_de_passe: str = MOT_DE_PASSE
):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/agent/connexion")
    return client.post(
        "/agent/connexion",
        data={"email": email, "mot_de_passe": mot_de_passe, "csrf_token": token},
    )
