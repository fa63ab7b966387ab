"""Golden households (tests/golden/simulateur/<aide>/*.yml): the stored expected values, a
naive OpenFisca call and the engine must all agree within the file's margin."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.catalogue.schemas.aide import Aide
from portal.simulateur.moteur.engine import Engine
from portal.simulateur.moteur.openfisca_adapter import calculate_naive
from portal.simulateur.schemas import SimulationRequest
from portal.simulateur.services import statut_calcule, statut_national

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = sorted((ROOT / "tests" / "golden" / "simulateur").glob("*/*.yml"))
AIDES = {
    p.stem: Aide.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
    for p in (ROOT / "content" / "aides").glob("*.yml")
}


def _load(path: Path) -> tuple[dict[str, Any], SimulationRequest]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    requete = SimulationRequest.model_validate(
        data["situation"], context={"today": date.fromisoformat(data["aujourd_hui"])}
    )
    return data, requete


def assert_same(a: dict[str, Any], b: dict[str, Any], marge: float) -> None:
    assert a.keys() == b.keys()
    for variable, valeur in a.items():
        if isinstance(valeur, float):
            assert valeur == pytest.approx(b[variable], abs=marge), variable
        else:
            assert valeur == b[variable], variable


def test_enough_golden_households() -> None:
    assert len(GOLDEN) >= 12


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_household(path: Path, tbs: Any, engine: Engine) -> None:
    data, requete = _load(path)
    naive = calculate_naive(tbs, requete)
    assert_same(naive, data["valeurs_openfisca"], data["marge"])
    assert_same(engine.simulate_one(requete), naive, 0.01)
    for aide_id, attendu in data["attendu"].items():
        statut, montant = statut_calcule(AIDES[aide_id], naive, requete)
        assert statut.value == attendu["statut"], aide_id
        assert montant == pytest.approx(attendu["montant"], abs=data["marge"]), aide_id
        # What is shown: the same amount; "à vérifier" only for a condition not asked (ASF).
        montre, montant_montre, raison = statut_national(AIDES[aide_id], naive, requete)
        assert montant_montre == montant
        assert (montre != statut) == (raison is not None), aide_id


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_household_by_the_plain_path(path: Path, engine_simple: Engine) -> None:
    """The fallback (another openfisca-core, or SIMULATEUR_RAPIDE=false) gives the same."""
    data, requete = _load(path)
    assert not engine_simple.rapide
    assert_same(engine_simple.simulate_one(requete), data["valeurs_openfisca"], data["marge"])
