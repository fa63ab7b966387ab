"""Amounts as people type them, read once for the form and the API.

"1.200", "1 200", "1200,50", "1 200 €", "1.200,50 €" all mean what a French reader means.
A reading that could mean something else ("1.200": 1 200 € or 1,20 €?), or that is far from a
monthly amount, is `douteux`: the form shows it back ("1 200 € par mois ?") before using it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANCS = re.compile(r"[\s\u00a0\u202f]|€|eur(os?)?$", re.IGNORECASE)
_ENTIER = re.compile(r"^-?\d+$")
_DECIMAL = re.compile(r"^-?\d+[.,]\d{1,2}$")  # "1200,50", "12.5"
_MILLIERS_POINT = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")  # "1.200", "1.200,50"
_MILLIERS_VIRGULE = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")  # "1,200" (English)

# A monthly amount below or above these is more often a slip than a situation: confirmed
# first (not refused: the schema's bounds decide what is possible).
PLAUSIBLE_MIN = 10
PLAUSIBLE_MAX = 10_000


@dataclass(frozen=True)
class Lecture:
    valeur: float | None  # None: not a number at all
    ambigu: bool = False  # the text could mean another amount ("1.200": 1 200 or 1,20)
    hors_norme: bool = False  # a rare monthly amount (a slip of a zero or of a comma?)

    @property
    def douteux(self) -> bool:
        return self.ambigu or self.hors_norme


def read_montant(texte: str) -> Lecture:
    compact = _BLANCS.sub("", texte.strip())
    if _ENTIER.match(compact):
        return _plausible(float(compact), False)
    if _MILLIERS_POINT.match(compact):
        entier, _, centimes = compact.partition(",")
        valeur = float(entier.replace(".", "") + ("." + centimes if centimes else ""))
        return _plausible(valeur, compact.count(".") == 1 and not centimes)
    if _MILLIERS_VIRGULE.match(compact):
        return _plausible(float(compact.replace(",", "")), True)
    if _DECIMAL.match(compact):
        return _plausible(float(compact.replace(",", ".")), False)
    return Lecture(None)


def _plausible(valeur: float, ambigu: bool) -> Lecture:
    return Lecture(valeur, ambigu, 0 < valeur < PLAUSIBLE_MIN or valeur > PLAUSIBLE_MAX)
