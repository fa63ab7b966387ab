"""The OpenFisca engine of Mes droits, behind one interface: `Engine` (warmed at start, batches,
short paths on openfisca-core internals), `calculate_naive` (the plain OpenFisca call every
answer must equal), `EngineUnavailable`, `init_app`, and `ages_legaux` (the legal ages, read
from OpenFisca's parameters). The question flow, the local aid rules
and the results (portal/simulateur/) use only these."""

from __future__ import annotations

from portal.simulateur.moteur.ages import AgesLegaux, ages_legaux
from portal.simulateur.moteur.engine import Engine, EngineUnavailable, init_app
from portal.simulateur.moteur.openfisca_adapter import calculate_naive

__all__ = [
    "AgesLegaux", "Engine", "EngineUnavailable", "ages_legaux", "calculate_naive", "init_app",
]
