from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from portal import create_app
from portal.catalogue import CatalogueError
from tests.conftest import CONTENT_DIR, make_config


def test_content_check_passes_on_the_real_content(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "Contenu valide" in result.output


def test_content_check_lists_file_field_and_reason(
    app: Flask, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, broken)
    lieu = sorted((broken / "lieux").glob("*.yml"))[0]
    lieu.write_text(lieu.read_text(encoding="utf-8").replace("horaires_accueil:", "horaires:"))
    app.config["CONTENT_DIR"] = str(broken)
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert f"lieux/{lieu.name} → horaires →" in result.output
    assert f"lieux/{lieu.name} → horaires_accueil → Field required" in result.output


def test_the_app_refuses_to_start_on_broken_content(database_url: str, tmp_path: Path) -> None:
    broken = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, broken)
    (broken / "urgences" / "numeros.yml").write_text("numeros: []\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="urgences/numeros.yml"):
        create_app(make_config(database_url, tmp_path, CONTENT_DIR=str(broken)))


def test_demo_load_mirrors_places_and_is_idempotent(app: Flask, runner: FlaskCliRunner) -> None:
    from sqlalchemy import func, select

    from portal.models import LieuRef, TerritoireRef

    for _ in range(2):
        result = runner.invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        session = app.extensions["database"].session()
        assert session.scalar(select(func.count()).select_from(TerritoireRef)) == 8
        count = session.scalar(select(func.count()).select_from(LieuRef))
        assert count == len(app.extensions["catalogue"].lieux)
