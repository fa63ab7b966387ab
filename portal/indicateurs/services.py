"""The indicateurs door's public surface: counting an anonymous event (every door does), and
computing the figures of a period. Other doors import the door only from this module."""

from __future__ import annotations

from portal.indicateurs.calcul import compute_indicateurs
from portal.indicateurs.compteur import count_event

__all__ = ["compute_indicateurs", "count_event"]
