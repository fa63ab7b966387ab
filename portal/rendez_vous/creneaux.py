"""Créneaux derived from the plages: weekly recurrence, minus French public holidays, absences,
the motif's booking window, and the rendez-vous that already hold a time.

Strategy (see benchmarks/rendez_vous.py): one query for the plages of the lieu, one for the
absences, one ranged query for the held times that walks the `(plage_id, creneau_tenu)` unique
index; overlaps are then found in memory with a binary search.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from portal.catalogue.schemas.motif import Motif
from portal.models.rendez_vous import Absence, Plage, RendezVous

PARIS = ZoneInfo("Europe/Paris")
DUREE_MAX = timedelta(minutes=240)  # the longest a motif may last (schema bound)


@dataclass(frozen=True, order=True)
class Creneau:
    debut: datetime
    fin: datetime
    plage_id: int = field(compare=False)
    places_restantes: int | None = field(default=None, compare=False)  # a session's seats


@lru_cache(maxsize=16)
def jours_feries(annee: int) -> frozenset[date]:
    """France's public holidays (metropolitan), from the `holidays` library."""
    return frozenset(holidays.country_holidays("FR", years=annee))


def is_jour_ferie(jour: date) -> bool:
    return jour in jours_feries(jour.year)


def fenetre(motif: Motif, now: datetime) -> tuple[datetime, datetime]:
    """The earliest and latest start the motif allows from `now`."""
    return (
        now + timedelta(hours=motif.delai_min_heures),
        now + timedelta(days=motif.delai_max_jours),
    )


def plages_du_lieu(
    session: Session, *, lieu_id: str, motif_id: str, du: date, au: date
) -> list[Plage]:
    plages = session.scalars(
        select(Plage)
        .where(
            Plage.lieu_id == lieu_id,
            Plage.actif.is_(True),
            Plage.date_debut <= au,
            or_(Plage.date_fin.is_(None), Plage.date_fin >= du),
        )
        .order_by(Plage.id)
    )
    return [p for p in plages if motif_id in p.motifs]


def _jours(du: date, au: date) -> Iterable[date]:
    jour = du
    while jour <= au:
        yield jour
        jour += timedelta(days=1)


def candidats(
    plages: list[Plage], *, duree: timedelta, du: date, au: date, tz: ZoneInfo = PARIS
) -> list[Creneau]:
    """Every slot the plages open between two dates, holidays excluded, taken or not."""
    resultat: list[Creneau] = []
    for jour in _jours(du, au):
        if is_jour_ferie(jour):
            continue
        for plage in plages:
            if not plage.is_open_on(jour):
                continue
            debut = datetime.combine(jour, plage.heure_debut, tzinfo=tz)
            limite = datetime.combine(jour, plage.heure_fin, tzinfo=tz)
            while debut + duree <= limite:
                resultat.append(Creneau(debut, debut + duree, plage.id))
                debut += duree
    return resultat


class Occupation:
    """Held times per plage (sorted, each at most DUREE_MAX long) and absences.

    Kept as POSIX timestamps: comparing floats is far cheaper than comparing aware datetimes
    of different zones, and this runs for every candidate slot.
    """

    def __init__(self) -> None:
        self._tenus: dict[int, list[tuple[float, float]]] = {}
        self._absences: list[tuple[int | None, float, float]] = []

    def tient(self, plage_id: int, debut: datetime, fin: datetime) -> None:
        self._tenus.setdefault(plage_id, []).append((debut.timestamp(), fin.timestamp()))

    def absent(self, plage_id: int | None, debut: datetime, fin: datetime) -> None:
        """`plage_id` None: the whole lieu is closed."""
        self._absences.append((plage_id, debut.timestamp(), fin.timestamp()))

    def trie(self) -> Occupation:
        for intervalles in self._tenus.values():
            intervalles.sort()
        return self

    def chevauche(self, creneau: Creneau) -> bool:
        c_debut, c_fin = creneau.debut.timestamp(), creneau.fin.timestamp()
        for plage_id, debut, fin in self._absences:
            if plage_id in (None, creneau.plage_id) and debut < c_fin and fin > c_debut:
                return True
        intervalles = self._tenus.get(creneau.plage_id, [])
        # Held times starting before the slot ends, walked back while they could still reach it.
        i = bisect.bisect_left(intervalles, (c_fin,))
        limite = c_debut - DUREE_MAX.total_seconds()
        while i > 0:
            i -= 1
            debut, fin = intervalles[i]
            if debut <= limite:
                break
            if fin > c_debut:
                return True
        return False


def occupation(
    session: Session,
    plages: list[Plage],
    *,
    lieu_id: str,
    debut: datetime,
    fin: datetime,
    sauf_rendez_vous: int | None = None,
) -> Occupation:
    occupe = Occupation()
    ids = [p.id for p in plages]
    if not ids:
        return occupe
    tenus = select(RendezVous.id, RendezVous.plage_id, RendezVous.creneau_tenu, RendezVous.fin)
    tenus = tenus.where(
        RendezVous.plage_id.in_(ids),
        RendezVous.creneau_tenu >= debut - DUREE_MAX,
        RendezVous.creneau_tenu < fin,
    )
    for rdv_id, plage_id, tenu, rdv_fin in session.execute(tenus):
        if rdv_id != sauf_rendez_vous:
            occupe.tient(plage_id, tenu, rdv_fin)
    agents = {p.agent_id for p in plages if p.agent_id is not None}
    absences = session.scalars(
        select(Absence).where(
            or_(Absence.lieu_id == lieu_id, Absence.agent_id.in_(agents)),
            Absence.debut < fin,
            Absence.fin > debut,
        )
    )
    for absence in absences:
        if absence.agent_id is None:
            occupe.absent(None, absence.debut, absence.fin)
        else:
            for plage in plages:
                if plage.agent_id == absence.agent_id:
                    occupe.absent(plage.id, absence.debut, absence.fin)
    return occupe.trie()


def places_prises(session: Session, plage_ids: list[int]) -> dict[int, int]:
    """Seats held per session (cancelled seats hold none)."""
    if not plage_ids:
        return {}
    rows = session.execute(
        select(RendezVous.plage_id, func.count())
        .where(RendezVous.plage_id.in_(plage_ids), RendezVous.place.is_not(None))
        .group_by(RendezVous.plage_id)
    )
    return {plage_id: nombre for plage_id, nombre in rows}


def seances_libres(session: Session, plages: list[Plage], slots: list[Creneau]) -> list[Creneau]:
    """The sessions of a collective motif with a seat left, each with its seats left."""
    prises = places_prises(session, [p.id for p in plages])
    places = {p.id: p.places or 0 for p in plages}
    libres: dict[datetime, Creneau] = {}
    for creneau in sorted(slots):
        restantes = places[creneau.plage_id] - prises.get(creneau.plage_id, 0)
        if creneau.debut not in libres and restantes > 0:
            libres[creneau.debut] = replace(creneau, places_restantes=restantes)
    return list(libres.values())


def find_creneaux(
    session: Session,
    *,
    motif_id: str,
    motif: Motif,
    lieu_id: str,
    du: date,
    au: date,
    now: datetime,
    tz: ZoneInfo = PARIS,
    sauf_rendez_vous: int | None = None,
) -> list[Creneau]:
    """Free créneaux between two local dates (inclusive), one per start time, in order."""
    plus_tot, plus_tard = fenetre(motif, now)
    du = max(du, plus_tot.astimezone(tz).date())
    au = min(au, plus_tard.astimezone(tz).date())
    if au < du:
        return []
    plages = plages_du_lieu(session, lieu_id=lieu_id, motif_id=motif_id, du=du, au=au)
    slots = [
        c
        for c in candidats(plages, duree=timedelta(minutes=motif.duree_minutes), du=du, au=au,
                           tz=tz)
        if plus_tot <= c.debut <= plus_tard
    ]
    if not slots:
        return []
    if motif.collectif:
        return seances_libres(session, plages, slots)
    occupe = occupation(
        session,
        plages,
        lieu_id=lieu_id,
        debut=min(c.debut for c in slots),
        fin=max(c.fin for c in slots),
        sauf_rendez_vous=sauf_rendez_vous,
    )
    libres: dict[datetime, Creneau] = {}
    for creneau in sorted(slots):
        if creneau.debut not in libres and not occupe.chevauche(creneau):
            libres[creneau.debut] = creneau
    return list(libres.values())


def next_creneaux(
    session: Session,
    *,
    motif_id: str,
    motif: Motif,
    lieu_id: str,
    now: datetime,
    nombre: int = 3,
    tz: ZoneInfo = PARIS,
    sauf_rendez_vous: int | None = None,
) -> list[Creneau]:
    """The first free créneaux from now, looking four weeks at a time up to the motif's limit."""
    du = now.astimezone(tz).date()
    fin = (now + timedelta(days=motif.delai_max_jours)).astimezone(tz).date()
    trouves: list[Creneau] = []
    while du <= fin and len(trouves) < nombre:
        au = min(du + timedelta(days=27), fin)
        trouves += find_creneaux(
            session, motif_id=motif_id, motif=motif, lieu_id=lieu_id, du=du, au=au, now=now,
            tz=tz, sauf_rendez_vous=sauf_rendez_vous,
        )
        du = au + timedelta(days=1)
    return trouves[:nombre]


def debut_de_semaine(jour: date) -> date:
    return jour - timedelta(days=jour.weekday())


def local(moment: datetime, tz: ZoneInfo = PARIS) -> datetime:
    return moment.astimezone(tz)


def heure_locale(jour: date, heure: time, tz: ZoneInfo = PARIS) -> datetime:
    return datetime.combine(jour, heure, tzinfo=tz)
