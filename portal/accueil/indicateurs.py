"""The figures the département's plans track, per territoire and per ISO week.

Plain functions: a session, the catalogue and a period in, dataclasses out. Rows are read with
portable SQL (SQLite and PostgreSQL) and grouped in Python, where the week of an instant is the
local (Europe/Paris) week and where percentiles are computed the same way on both databases.
No personal data is read: only codes, instants and counts.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.models import AvisCourrier, Demande, RendezVous, StatistiqueJour, StatutRendezVous

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


def _arrondi(valeur: float | None) -> float | None:
    return None if valeur is None else round(valeur, 1)


# --- grouping -------------------------------------------------------------------------------

Cle = tuple[str, str, str]  # territoire, semaine, cle
Mesurer = Callable[[list], dict[str, float | None]]  # type: ignore[type-arg]


def _grouper(
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


def _somme(observations: list[int]) -> dict[str, float | None]:
    return {"nombre": sum(observations)}


def _compter(code: str, observations: Iterable[tuple[Cle, int]]) -> Indicateur:
    indicateur = _grouper(code, ("nombre",), observations, _somme)
    # Counters sum to more than one per row: order by the real totals.
    ordre = sorted(indicateur.totaux, key=lambda ligne: (-(ligne.valeur or 0), ligne.cle))
    return Indicateur(code, indicateur.mesures, indicateur.lignes, ordre)


# --- reading the rows -----------------------------------------------------------------------


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives naive UTC back, PostgreSQL aware instants: one form for both."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _bornes(periode: Periode, zone: ZoneInfo) -> tuple[datetime, datetime]:
    debut = datetime.combine(periode.du, time(), tzinfo=zone).astimezone(UTC)
    fin = datetime.combine(periode.fin, time(), tzinfo=zone).astimezone(UTC)
    return debut, fin


@dataclass(frozen=True)
class _Demande:
    territoire: str
    semaine: str
    source: str
    topic: str
    urgence: str | None
    created_at: datetime
    echeance_at: datetime | None
    premier_contact_at: datetime | None
    orientation: str | None
    non_recours: str | None


def _demandes(
    session: Session, periode: Periode, territoire: str | None, zone: ZoneInfo
) -> list[_Demande]:
    debut, fin = _bornes(periode, zone)
    query = select(
        Demande.territoire_id,
        Demande.source,
        Demande.topic,
        Demande.urgence,
        Demande.created_at,
        Demande.echeance_at,
        Demande.premier_contact_at,
        Demande.orientation,
        Demande.non_recours,
    ).where(Demande.created_at >= debut, Demande.created_at < fin)
    if territoire is not None:
        query = query.where(Demande.territoire_id == territoire)
    resultat = []
    for row in session.execute(query):
        created_at = _utc(row.created_at)
        assert created_at is not None
        resultat.append(
            _Demande(
                territoire=row.territoire_id or SANS_TERRITOIRE,
                semaine=semaine_of(created_at.astimezone(zone).date()),
                source=row.source,
                topic=row.topic,
                urgence=row.urgence,
                created_at=created_at,
                echeance_at=_utc(row.echeance_at),
                premier_contact_at=_utc(row.premier_contact_at),
                orientation=row.orientation,
                non_recours=row.non_recours,
            )
        )
    return resultat


# --- the indicators -------------------------------------------------------------------------

URGENTES = "urgentes_minutes"
NORMALES = "normales_heures"
MESURES_CONTACT = (
    "demandes",
    "contactees",
    "mediane",
    "p90",
    "dans_delai",
    "part_dans_delai_pct",
    "pas_encore_contactees",
    "en_retard",
)


def _mesurer_contact(now: datetime) -> Mesurer:
    def mesurer(demandes: list[_Demande]) -> dict[str, float | None]:
        # Urgent demandes are answered in minutes, the others in hours (the key says which).
        unite = 60 if demandes[0].urgence is not None else 3600
        contactees = [d for d in demandes if d.premier_contact_at is not None]
        durees = sorted(
            (d.premier_contact_at - d.created_at).total_seconds() / unite  # type: ignore[operator]
            for d in contactees
        )
        # The share is of the demandes already contacted (those with a due time); the waiting
        # ones are counted apart, with those already late, so a backlog cannot hide.
        avec_echeance = [d for d in contactees if d.echeance_at is not None]
        dans_delai = sum(
            1
            for d in avec_echeance
            if d.premier_contact_at <= d.echeance_at  # type: ignore[operator]
        )
        attente = [d for d in demandes if d.premier_contact_at is None]
        return {
            "demandes": len(demandes),
            "contactees": len(contactees),
            "mediane": _arrondi(median(durees)),
            "p90": _arrondi(percentile_90(durees)),
            "dans_delai": dans_delai,
            "part_dans_delai_pct": part_pct(dans_delai, len(avec_echeance)),
            "pas_encore_contactees": len(attente),
            "en_retard": sum(1 for d in attente if d.echeance_at and d.echeance_at < now),
        }

    return mesurer


def _mesurer_orientation(demandes: list[_Demande]) -> dict[str, float | None]:
    orientees = sum(1 for d in demandes if d.orientation)
    return {
        "demandes": len(demandes),
        "orientees": orientees,
        "part_orientees_pct": part_pct(orientees, len(demandes)),
    }


def _mesurer_absences(statuts: list[str]) -> dict[str, float | None]:
    absents = statuts.count(StatutRendezVous.absent)
    presents = statuts.count(StatutRendezVous.present)
    return {
        "absents": absents,
        "presents": presents,
        "taux_absence_pct": part_pct(absents, absents + presents),
    }


def indicateurs_demandes(demandes: list[_Demande], *, now: datetime) -> list[Indicateur]:
    def par(attribut: Callable[[_Demande], str]) -> Iterable[tuple[Cle, int]]:
        return (((d.territoire, d.semaine, attribut(d)), 1) for d in demandes)

    return [
        _compter("demandes_source", par(lambda d: d.source)),
        _compter("demandes_topic", par(lambda d: d.topic)),
        _compter("demandes_urgence", par(lambda d: d.urgence or "non_urgente")),
        _grouper(
            "premier_contact",
            MESURES_CONTACT,
            (((d.territoire, d.semaine, URGENTES if d.urgence else NORMALES), d) for d in demandes),
            _mesurer_contact(now.astimezone(UTC)),
        ),
        _grouper(
            "orientation",
            ("demandes", "orientees", "part_orientees_pct"),
            (((d.territoire, d.semaine, "toutes"), d) for d in demandes),
            _mesurer_orientation,
        ),
        _compter(
            "orientation_partenaire",
            (((d.territoire, d.semaine, d.orientation), 1) for d in demandes if d.orientation),
        ),
        _compter("non_recours", par(lambda d: d.non_recours or "inconnu")),
    ]


def indicateurs_rendez_vous(
    session: Session,
    *,
    catalogue: Catalogue,
    periode: Periode,
    territoire: str | None,
    zone: ZoneInfo,
) -> list[Indicateur]:
    debut, fin = _bornes(periode, zone)
    rows = session.execute(
        select(RendezVous.lieu_id, RendezVous.motif_id, RendezVous.debut, RendezVous.statut).where(
            RendezVous.debut >= debut,
            RendezVous.debut < fin,
            RendezVous.statut.in_([StatutRendezVous.absent, StatutRendezVous.present]),
        )
    )
    par_motif: list[tuple[Cle, str]] = []
    par_lieu: list[tuple[Cle, str]] = []
    for lieu_id, motif_id, instant, statut in rows:
        lieu = catalogue.lieux.get(lieu_id)
        terr = lieu.territoire if lieu else SANS_TERRITOIRE
        if territoire is not None and terr != territoire:
            continue
        semaine = semaine_of(_utc(instant).astimezone(zone).date())  # type: ignore[union-attr]
        par_motif.append(((terr, semaine, motif_id), statut))
        par_lieu.append(((terr, semaine, lieu_id), statut))
    mesures = ("absents", "presents", "taux_absence_pct")
    return [
        _grouper("rendez_vous_motif", mesures, par_motif, _mesurer_absences),
        _grouper("rendez_vous_lieu", mesures, par_lieu, _mesurer_absences),
    ]


def _compteurs(
    session: Session, *, periode: Periode, territoire: str | None, evenements: list[str]
) -> list[tuple[str, str, str, str, int]]:
    """(territoire, semaine, evenement, cle, nombre) of the anonymous daily counters."""
    query = (
        select(
            StatistiqueJour.territoire_id,
            StatistiqueJour.jour,
            StatistiqueJour.evenement,
            StatistiqueJour.cle,
            func.sum(StatistiqueJour.nombre),
        )
        .where(
            StatistiqueJour.jour >= periode.du,
            StatistiqueJour.jour < periode.fin,
            StatistiqueJour.evenement.in_(evenements),
        )
        .group_by(
            StatistiqueJour.territoire_id,
            StatistiqueJour.jour,
            StatistiqueJour.evenement,
            StatistiqueJour.cle,
        )
    )
    if territoire is not None:
        query = query.where(StatistiqueJour.territoire_id == territoire)
    return [
        (terr or SANS_TERRITOIRE, semaine_of(jour), evenement, cle, int(nombre))
        for terr, jour, evenement, cle, nombre in session.execute(query)
    ]


def indicateurs_compteurs(
    session: Session, *, periode: Periode, territoire: str | None
) -> list[Indicateur]:
    # The names written by count_event (simulateur/resultats.py, courriers/services.py).
    simulations = _compteurs(
        session,
        periode=periode,
        territoire=territoire,
        evenements=["simulation", "simulation_eligible", "simulation_a_verifier"],
    )
    lectures = _compteurs(
        session,
        periode=periode,
        territoire=territoire,
        evenements=["courrier_scan", "courrier_saisie", "courrier_liste"],
    )
    return [
        _compter(
            "simulations",
            (((t, s, "simulations"), n) for t, s, e, _c, n in simulations if e == "simulation"),
        ),
        _compter(
            "aides_eligibles",
            (((t, s, c), n) for t, s, e, c, n in simulations if e == "simulation_eligible"),
        ),
        _compter(
            "aides_a_verifier",
            (((t, s, c), n) for t, s, e, c, n in simulations if e == "simulation_a_verifier"),
        ),
        _compter(
            "courriers_scans",
            (((t, s, c), n) for t, s, e, c, n in lectures if e == "courrier_scan"),
        ),
        _compter(
            "courriers_autres_lectures",
            (((t, s, c), n) for t, s, e, c, n in lectures if e != "courrier_scan"),
        ),
    ]


def indicateur_avis(session: Session, *, periode: Periode) -> Indicateur:
    """Answers to "Cette explication vous a aidé ?" keep no territoire, only the day, so these
    figures are the département's whatever territoire is chosen."""
    rows = session.execute(
        select(AvisCourrier.jour, AvisCourrier.code, AvisCourrier.utile).where(
            AvisCourrier.jour >= periode.du, AvisCourrier.jour < periode.fin
        )
    )

    def mesurer(reponses: list[bool]) -> dict[str, float | None]:
        oui = sum(1 for utile in reponses if utile)
        total = len(reponses)
        return {"oui": oui, "non": total - oui, "part_oui_pct": part_pct(oui, total)}

    return _grouper(
        "courriers_avis",
        ("oui", "non", "part_oui_pct"),
        (((SANS_TERRITOIRE, semaine_of(jour), code), bool(utile)) for jour, code, utile in rows),
        mesurer,
    )


def compute_indicateurs(
    session: Session,
    *,
    catalogue: Catalogue,
    periode: Periode,
    territoire: str | None,
    now: datetime,
    zone: ZoneInfo,
) -> Indicateurs:
    """Every indicator of the page and of the CSV, for one territoire (or all) and period."""
    if territoire is not None and territoire not in catalogue.territoires:
        raise ValueError(territoire)
    demandes = _demandes(session, periode, territoire, zone)
    liste = [
        *indicateurs_demandes(demandes, now=now),
        *indicateurs_rendez_vous(
            session, catalogue=catalogue, periode=periode, territoire=territoire, zone=zone
        ),
        *indicateurs_compteurs(session, periode=periode, territoire=territoire),
        indicateur_avis(session, periode=periode),
    ]
    return Indicateurs(periode=periode, territoire=territoire, liste=liste)
