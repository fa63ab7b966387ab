"""The weeks and the periods the indicators are counted over, the shape of an indicator, the
small statistics computed the same way on every database, and the grouping by territoire and
week."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

SEMAINES_PAR_DEFAUT = 8
SEMAINES_MAX = 106  # two years: enough to compare, small enough to draw
TOUS = "*"  # territoire and semaine of the rows that sum up the whole selection
SANS_TERRITOIRE = ""  # a demande or a counter whose territoire is unknown
_SEMAINE = re.compile(r"^(\d{4})-W(\d{2})$")


class PeriodeInvalide(ValueError):
    """A week that does not exist, weeks in the wrong order, or too many of them."""

    def __init__(self, raison: str, valeur: str = "") -> None:
        super().__init__(f"{raison}: {valeur}")
        self.raison = raison  # "semaine", "ordre" or "longueur"
        self.valeur = valeur


@dataclass(frozen=True)
class Periode:
    """Whole ISO weeks, from the Monday of `du` to the Sunday of `au`."""

    du: date  # a Monday
    au: date  # a Monday

    @property
    def semaines(self) -> list[str]:
        jours = (self.au - self.du).days
        return [semaine_of(self.du + timedelta(days=n)) for n in range(0, jours + 1, 7)]

    @property
    def fin(self) -> date:
        """The day after the last one, excluded."""
        return self.au + timedelta(days=7)

    @property
    def etiquette(self) -> str:
        return f"{semaine_of(self.du)}_{semaine_of(self.au)}"


def semaine_of(jour: date) -> str:
    annee, semaine, _ = jour.isocalendar()
    return f"{annee}-W{semaine:02d}"


def lundi_of(semaine: str) -> date:
    """The Monday of "2026-W47"; PeriodeInvalide for anything else (2026-W99, garbage)."""
    match = _SEMAINE.match(semaine.strip())
    if match is None:
        raise PeriodeInvalide("semaine", semaine)
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError as error:
        raise PeriodeInvalide("semaine", semaine) from error


def periode_par_defaut(today: date, semaines: int = SEMAINES_PAR_DEFAUT) -> Periode:
    au = today - timedelta(days=today.weekday())
    return Periode(du=au - timedelta(weeks=semaines - 1), au=au)


def build_periode(du: str | None, au: str | None, *, today: date) -> Periode:
    """The period asked for; a missing end falls back on the default one."""
    defaut = periode_par_defaut(today)
    debut = lundi_of(du) if du else defaut.du
    fin = lundi_of(au) if au else defaut.au
    if debut > fin:
        raise PeriodeInvalide("ordre")
    if (fin - debut).days // 7 + 1 > SEMAINES_MAX:
        raise PeriodeInvalide("longueur")
    return Periode(du=debut, au=fin)


@dataclass(frozen=True)
class Ligne:
    territoire: str  # a territoire id, SANS_TERRITOIRE, or TOUS for the whole selection
    semaine: str  # "2026-W47", or TOUS for the whole period
    cle: str  # a source, a topic, a partner, a motif… (the codes, never labels)
    mesure: str  # "nombre", "mediane_minutes", "taux_absence_pct"…
    valeur: float | None  # None when there is nothing to compute from (no median of nothing)


@dataclass(frozen=True)
class Indicateur:
    code: str
    mesures: tuple[str, ...]  # the columns, in order
    lignes: list[Ligne]  # per territoire × week × key
    totaux: list[Ligne]  # per key, over the whole selection: the chart's figures

    def total(self, cle: str, mesure: str | None = None) -> float | None:
        mesure = mesure or self.mesures[0]
        return next(
            (ligne.valeur for ligne in self.totaux if ligne.cle == cle and ligne.mesure == mesure),
            None,
        )

    @property
    def cles(self) -> list[str]:
        return list(dict.fromkeys(ligne.cle for ligne in self.totaux))


@dataclass(frozen=True)
class Indicateurs:
    periode: Periode
    territoire: str | None  # None: every territoire
    liste: list[Indicateur]

    def __getitem__(self, code: str) -> Indicateur:
        return next(indicateur for indicateur in self.liste if indicateur.code == code)


# --- small statistics, the same on every database -------------------------------------------


def median(valeurs: list[float]) -> float | None:
    return statistics.median(valeurs) if valeurs else None


def percentile_90(valeurs: list[float]) -> float | None:
    """Linear interpolation between the closest ranks (numpy's default, Excel's CENTILE.INCLUS)."""
    if not valeurs:
        return None
    if len(valeurs) == 1:
        return valeurs[0]
    return statistics.quantiles(valeurs, n=10, method="inclusive")[8]


def part_pct(partie: int, tout: int) -> float | None:
    return round(100 * partie / tout, 1) if tout else None


def arrondi(valeur: float | None) -> float | None:
    return None if valeur is None else round(valeur, 1)


# --- grouping -------------------------------------------------------------------------------

Cle = tuple[str, str, str]  # territoire, semaine, cle
Mesurer = Callable[[list], dict[str, float | None]]  # type: ignore[type-arg]


def grouper(
    code: str,
    mesures: tuple[str, ...],
    observations: Iterable[tuple[Cle, object]],
    mesurer: Mesurer,
) -> Indicateur:
    """Measures each (territoire, week, key) group, then each key over the whole selection."""
    groupes: dict[Cle, list[object]] = defaultdict(list)
    par_cle: dict[str, list[object]] = defaultdict(list)
    for cle, observation in observations:
        groupes[cle].append(observation)
        par_cle[cle[2]].append(observation)

    def lignes(territoire: str, semaine: str, cle: str, obs: list[object]) -> list[Ligne]:
        mesure = mesurer(obs)
        return [Ligne(territoire, semaine, cle, m, mesure[m]) for m in mesures]

    detail = [
        ligne for (t, s, c) in sorted(groupes) for ligne in lignes(t, s, c, groupes[(t, s, c)])
    ]
    # Biggest first, so that the chart reads from the top; ties in code order.
    ordre = sorted(par_cle, key=lambda c: (-len(par_cle[c]), c))
    totaux = [ligne for c in ordre for ligne in lignes(TOUS, TOUS, c, par_cle[c])]
    return Indicateur(code, mesures, detail, totaux)


def somme(observations: list[int]) -> dict[str, float | None]:
    return {"nombre": sum(observations)}


def compter(code: str, observations: Iterable[tuple[Cle, int]]) -> Indicateur:
    indicateur = grouper(code, ("nombre",), observations, somme)
    # Counters sum to more than one per row: order by the real totals.
    ordre = sorted(indicateur.totaux, key=lambda ligne: (-(ligne.valeur or 0), ligne.cle))
    return Indicateur(code, indicateur.mesures, indicateur.lignes, ordre)
