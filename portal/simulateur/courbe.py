"""The "Et si je travaillais plus ?" chart: two lines drawn as SVG on the server (no inline
style, strict CSP), with the same figures in a table next to it."""

from __future__ import annotations

from dataclasses import dataclass

LARGEUR, HAUTEUR = 320, 200
MARGE_GAUCHE, MARGE_BAS, MARGE_HAUT = 48, 28, 10


@dataclass(frozen=True)
class Point:
    valeur: float  # what was changed (the pay)
    aides: float  # total of the aids, per month
    revenu: float  # what is left to live on, per month


@dataclass(frozen=True)
class Courbe:
    points: list[Point]
    trace_aides: str  # "x,y x,y …" for <polyline points>
    trace_revenu: str
    graduations_y: list[tuple[float, int]]  # (y in the drawing, amount)
    graduations_x: list[tuple[float, int]]
    largeur: int = LARGEUR
    hauteur: int = HAUTEUR
    gauche: int = MARGE_GAUCHE
    bas: int = HAUTEUR - MARGE_BAS


PAS_MONTANTS = (100, 200, 500, 1000, 2000, 5000)
PAS_TOUS = (1, 2, 5, 10, 20, 50, *PAS_MONTANTS)  # an age in years, or euros


def _pas(maximum: float, possibles: tuple[int, ...] = PAS_MONTANTS) -> int:
    for pas in possibles:
        if maximum / pas <= 5:
            return pas
    return 10_000


def draw_courbe(points: list[Point]) -> Courbe:
    x_max = max(p.valeur for p in points) or 1.0
    y_haut = max(max(p.revenu, p.aides) for p in points) or 1.0
    y_bas = min(0.0, min(p.revenu for p in points))  # after the rent, it can be below zero
    pas_y = _pas(y_haut - y_bas)
    y_max = (int(y_haut // pas_y) + 1) * pas_y
    y_min = -(int(-y_bas // pas_y) + (1 if y_bas < 0 else 0)) * pas_y
    largeur_utile = LARGEUR - MARGE_GAUCHE - 8
    hauteur_utile = HAUTEUR - MARGE_BAS - MARGE_HAUT

    def x(valeur: float) -> float:
        return round(MARGE_GAUCHE + valeur / x_max * largeur_utile, 1)

    def y(montant: float) -> float:
        return round(HAUTEUR - MARGE_BAS - (montant - y_min) / (y_max - y_min) * hauteur_utile, 1)

    pas_x = _pas(x_max, PAS_TOUS)
    return Courbe(
        points=points,
        trace_aides=" ".join(f"{x(p.valeur)},{y(p.aides)}" for p in points),
        trace_revenu=" ".join(f"{x(p.valeur)},{y(p.revenu)}" for p in points),
        graduations_y=[(y(m), m) for m in range(y_min, int(y_max) + 1, pas_y)],
        graduations_x=[(x(v), v) for v in range(0, int(x_max) + 1, pas_x)],
    )
