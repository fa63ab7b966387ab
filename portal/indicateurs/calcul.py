"""The figures the département's plans track, per territoire and per ISO week.

Plain functions: a session, the catalogue and a period in, dataclasses out. Rows are read with
portable SQL (SQLite and PostgreSQL) and grouped in Python, where the week of an instant is the
local (Europe/Paris) week and where percentiles are computed the same way on both databases.
No personal data is read: only codes, instants and counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.catalogue import Catalogue
from portal.indicateurs.semaines import (
    SANS_TERRITOIRE,
    SEMAINES_MAX,
    SEMAINES_PAR_DEFAUT,
    TOUS,
    Cle,
    Indicateur,
    Indicateurs,
    Ligne,
    Mesurer,
    Periode,
    PeriodeInvalide,
    arrondi,
    build_periode,
    compter,
    grouper,
    lundi_of,
    median,
    part_pct,
    percentile_90,
    periode_par_defaut,
    semaine_of,
)
from portal.models import (
    AvisCourrier,
    Demande,
    Evenement,
    RendezVous,
    StatistiqueJour,
    StatutRendezVous,
)

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
            "mediane": arrondi(median(durees)),
            "p90": arrondi(percentile_90(durees)),
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
        compter("demandes_source", par(lambda d: d.source)),
        compter("demandes_topic", par(lambda d: d.topic)),
        compter("demandes_urgence", par(lambda d: d.urgence or "non_urgente")),
        grouper(
            "premier_contact",
            MESURES_CONTACT,
            (((d.territoire, d.semaine, URGENTES if d.urgence else NORMALES), d) for d in demandes),
            _mesurer_contact(now.astimezone(UTC)),
        ),
        grouper(
            "orientation",
            ("demandes", "orientees", "part_orientees_pct"),
            (((d.territoire, d.semaine, "toutes"), d) for d in demandes),
            _mesurer_orientation,
        ),
        compter(
            "orientation_partenaire",
            (((d.territoire, d.semaine, d.orientation), 1) for d in demandes if d.orientation),
        ),
        compter("non_recours", par(lambda d: d.non_recours or "inconnu")),
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
    # One row per person expected: a workshop seat is a rendez-vous of its own, so a session of
    # 8 seats with 2 no-shows counts 2 absents and 6 presents, not one rendez-vous.
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
        grouper("rendez_vous_motif", mesures, par_motif, _mesurer_absences),
        grouper("rendez_vous_lieu", mesures, par_lieu, _mesurer_absences),
    ]


def _compteurs(
    session: Session, *, periode: Periode, territoire: str | None, evenements: list[Evenement]
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


BORNES = {
    Evenement.borne_simulation: "bornes_simulations",
    Evenement.borne_rendez_vous: "bornes_rendez_vous",
    Evenement.borne_demande: "bornes_demandes",
}


def indicateurs_compteurs(
    session: Session, *, periode: Periode, territoire: str | None
) -> list[Indicateur]:
    # The names written by count_event (simulateur/resultats.py, courriers/services.py).
    simulations = _compteurs(
        session,
        periode=periode,
        territoire=territoire,
        evenements=[Evenement.simulation, Evenement.simulation_eligible,
                    Evenement.simulation_a_verifier],
    )
    lectures = _compteurs(
        session,
        periode=periode,
        territoire=territoire,
        evenements=[Evenement.courrier_scan, Evenement.courrier_saisie, Evenement.courrier_liste],
    )
    # Started at a kiosk (borne/services.py): the code is the kiosk's number.
    bornes = _compteurs(session, periode=periode, territoire=territoire, evenements=list(BORNES))
    return [
        compter("simulations", _selon(simulations, lambda e: e == Evenement.simulation,
                                      colonne="simulations")),
        compter("aides_eligibles",
                _selon(simulations, lambda e: e == Evenement.simulation_eligible)),
        compter("aides_a_verifier",
                _selon(simulations, lambda e: e == Evenement.simulation_a_verifier)),
        compter("courriers_scans", _selon(lectures, lambda e: e == Evenement.courrier_scan)),
        compter("courriers_autres_lectures",
                _selon(lectures, lambda e: e != Evenement.courrier_scan)),
        *(compter(code, _selon(bornes, lambda e, ev=ev: e == ev)) for ev, code in BORNES.items()),
    ]


def _selon(
    lignes: Iterable[Any], garder: Callable[[Any], bool], *, colonne: str | None = None
) -> Iterator[tuple[tuple[Any, Any, Any], int]]:
    """The counts of the rows (territoire, semaine, événement, code, nombre) whose event is
    kept, keyed by (territoire, semaine, column): the row's code, or one fixed column."""
    return (((t, s, colonne or c), n) for t, s, e, c, n in lignes if garder(e))


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

    return grouper(
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


# Also read from here by the pages and the tests: the periods and the shape of an indicator.
__all__ = [
    "NORMALES", "SANS_TERRITOIRE", "SEMAINES_MAX", "SEMAINES_PAR_DEFAUT", "TOUS", "URGENTES",
    "Indicateur", "Indicateurs", "Ligne", "Periode", "PeriodeInvalide", "build_periode",
    "compute_indicateurs", "lundi_of", "median", "percentile_90", "periode_par_defaut",
    "semaine_of",
]
