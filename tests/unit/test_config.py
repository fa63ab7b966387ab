from __future__ import annotations

import stat
from pathlib import Path

import pytest

from portal import config


def test_a_secret_is_generated_once_into_var(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config._secret_key(tmp_path)
    assert len(first) >= 48
    assert config._secret_key(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_a_short_secret_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SECRET_KEY", "court")
    with pytest.raises(config.ConfigurationError, match="SECRET_KEY"):
        config._secret_key(tmp_path)


def test_environment_overrides_and_secure_cookies_over_https(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(config, "VAR_DIR", tmp_path)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://bonne-porte.example/")
    settings = config.from_environment()
    assert settings["DATABASE_URL"] == "postgresql+psycopg://u@h/db"
    assert settings["PUBLIC_BASE_URL"] == "https://bonne-porte.example"
    assert settings["SESSION_COOKIE_SECURE"] is True


def test_the_embedded_default_is_a_sqlite_file_under_var(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(config, "VAR_DIR", tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    settings = config.from_environment()
    assert settings["DATABASE_URL"] == f"sqlite:///{tmp_path / 'bonne_porte.db'}"
    assert settings["SESSION_COOKIE_SECURE"] is False


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SIMULATEUR_WARMUP", "peut-être", "true ou false"),
        ("HEALTH_TIMEOUT_SECONDS", "deux", "nombre entier"),
        ("PUBLIC_BASE_URL", "bonne-porte.example", "http"),
    ],
)
def test_bad_configuration_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str, message: str
) -> None:
    monkeypatch.setattr(config, "VAR_DIR", tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(config.ConfigurationError, match=message):
        config.from_environment()


@pytest.mark.parametrize(("port", "attendu"), [(None, "http://127.0.0.1:5000"),
                                               ("5077", "http://127.0.0.1:5077")])
def test_links_follow_the_port_make_run_serves_on(
    port: str | None, attendu: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(config, "VAR_DIR", tmp_path)
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    if port is None:
        monkeypatch.delenv("PORT", raising=False)
    else:
        monkeypatch.setenv("PORT", port)
    assert config.from_environment()["PUBLIC_BASE_URL"] == attendu


def test_an_explicit_public_address_wins_over_the_port(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(config, "VAR_DIR", tmp_path)
    monkeypatch.setenv("PORT", "5077")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://solidarites.example")
    assert config.from_environment()["PUBLIC_BASE_URL"] == "https://solidarites.example"
