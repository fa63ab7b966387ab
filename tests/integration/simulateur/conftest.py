"""OpenFisca is loaded once per test session: a plain legislation for the naive reference
calls, and one warm engine (its own legislation, as in production)."""

from __future__ import annotations

from typing import Any

import pytest

from portal.simulateur.moteur.engine import Engine, load_tax_benefit_system


@pytest.fixture(scope="session")
def tbs() -> Any:
    return load_tax_benefit_system()


@pytest.fixture(scope="session")
def engine() -> Engine:
    engine = Engine()
    assert engine.wait_ready(timeout=300)
    return engine


@pytest.fixture(scope="session")
def engine_simple() -> Engine:
    """The engine without its fast path: what runs when openfisca-core is not the expected one."""
    engine = Engine(rapide=False)
    assert engine.wait_ready(timeout=300)
    return engine
