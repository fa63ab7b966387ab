"""The aidants door's public surface: mandates (their status, the check before acting) for the
other doors, the API and the CLI (import contracts in pyproject.toml)."""

from __future__ import annotations

from portal.aidants.jetons import jeton_de, mandat_du_jeton
from portal.aidants.mandats import (
    DUREES,
    MandatError,
    MandatInvalide,
    MandatRefuse,
    Personne,
    check_action,
    create_mandat,
    mandats_de,
    revoke,
    statut,
)

__all__ = [
    "DUREES",
    "MandatError",
    "MandatInvalide",
    "MandatRefuse",
    "Personne",
    "check_action",
    "create_mandat",
    "jeton_de",
    "mandat_du_jeton",
    "mandats_de",
    "revoke",
    "statut",
]
