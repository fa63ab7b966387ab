"""The fast path runs only on the openfisca-core it was written for; otherwise the plain call."""

from __future__ import annotations

import importlib.metadata
import logging
from pathlib import Path

import pytest

from portal import create_app
from portal.simulateur.moteur import engine as engine_module
from portal.simulateur.moteur.engine import OPENFISCA_CORE_ECRIT_POUR, chemin_de_calcul
from tests.conftest import make_config


def test_the_pinned_version_is_the_one_installed_by_the_lock() -> None:
    assert importlib.metadata.version("openfisca-core") == OPENFISCA_CORE_ECRIT_POUR
    lock = (Path(__file__).resolve().parents[3] / "requirements" / "runtime.txt").read_text()
    assert f"openfisca-core=={OPENFISCA_CORE_ECRIT_POUR} " in lock


@pytest.mark.parametrize(
    ("demande", "version", "rapide"),
    [
        (True, OPENFISCA_CORE_ECRIT_POUR, True),
        (True, "44.8.0", False),
        (True, "45.0.0", False),
        (False, OPENFISCA_CORE_ECRIT_POUR, False),
    ],
)
def test_path_chosen(demande: bool, version: str, rapide: bool) -> None:
    choisi, raison = chemin_de_calcul(demande, version)
    assert choisi is rapide
    assert raison


@pytest.mark.parametrize("reglage", [{"SIMULATEUR_RAPIDE": False}, {}])
def test_start_up_falls_back_with_one_log_line(
    reglage: dict[str, bool], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if not reglage:  # another openfisca-core than the one the fast path was written for
        monkeypatch.setattr(engine_module.importlib.metadata, "version", lambda _n: "99.0.0")
    caplog.set_level(logging.INFO, logger="portal.simulateur.moteur.engine")
    app = create_app(make_config(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path, **reglage))
    assert app.extensions["simulateur"].rapide is False
    lignes = [r for r in caplog.records if "chemin simple" in r.getMessage()]
    assert len(lignes) == 1 and lignes[0].levelno == logging.WARNING
