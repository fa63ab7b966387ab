"""What agents read: the agenda of a lieu, and the no-show rates per motif and lieu."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models.rendez_vous import RendezVous, StatutRendezVous
from portal.rendez_vous.creneaux import PARIS


@dataclass(frozen=True)
class Journee:
    date: date
    rendez_vous: list[RendezVous]


def _instant(jour: date) -> datetime:
    return datetime.combine(jour, time(0), tzinfo=PARIS)


def agenda_du_lieu(
    session: Session, *, lieu_id: str, du: date, au: date, filtres: Sequence[Any] = ()
) -> list[Journee]:
    """`filtres`: more SQL conditions (what this agent may see, `perms.seulement_les_siens`)."""
    rows = session.scalars(
        select(RendezVous)
        .where(
            *filtres,
            RendezVous.lieu_id == lieu_id,
            RendezVous.debut >= _instant(du),
            RendezVous.debut < _instant(au + timedelta(days=1)),
        )
        .order_by(RendezVous.debut, RendezVous.id)
    )
    par_jour: dict[date, list[RendezVous]] = defaultdict(list)
    for rdv in rows:
        par_jour[rdv.debut.astimezone(PARIS).date()].append(rdv)
    jours = [du + timedelta(days=i) for i in range((au - du).days + 1)]
    return [Journee(jour, par_jour.get(jour, [])) for jour in jours]


@dataclass
class Taux:
    """Outcomes of past rendez-vous; the rate counts only those whose outcome was recorded."""

    presents: int = 0
    absents: int = 0
    excuses: int = 0
    non_renseignes: int = 0

    def ajoute(self, statut: str, nombre: int) -> None:
        if statut == StatutRendezVous.present:
            self.presents += nombre
        elif statut == StatutRendezVous.absent:
            self.absents += nombre
        elif statut == StatutRendezVous.excuse:
            self.excuses += nombre
        else:
            self.non_renseignes += nombre

    @property
    def renseignes(self) -> int:
        return self.presents + self.absents + self.excuses

    @property
    def taux(self) -> float | None:
        return self.absents / self.renseignes if self.renseignes else None


@dataclass
class TauxAbsence:
    par_motif: dict[str, Taux]
    par_lieu: dict[str, Taux]
    detail: dict[tuple[str, str], Taux]
    total: Taux


def taux_absence(
    session: Session, *, lieux: list[str], depuis: date, jusqu_a: date, now: datetime
) -> TauxAbsence:
    """Counted in the database (one grouped query), over rendez-vous already begun; a workshop
    seat is a rendez-vous of its own, so each seat counts (present, absent or excused)."""
    rows = session.execute(
        select(RendezVous.lieu_id, RendezVous.motif_id, RendezVous.statut, func.count())
        .where(
            RendezVous.lieu_id.in_(lieux),
            RendezVous.statut != StatutRendezVous.annule,
            RendezVous.debut >= _instant(depuis),
            RendezVous.debut < min(_instant(jusqu_a + timedelta(days=1)), now),
        )
        .group_by(RendezVous.lieu_id, RendezVous.motif_id, RendezVous.statut)
    )
    resultat = TauxAbsence({}, {}, {}, Taux())
    for lieu_id, motif_id, statut, nombre in rows:
        for table, cle in (
            (resultat.par_motif, motif_id),
            (resultat.par_lieu, lieu_id),
            (resultat.detail, (lieu_id, motif_id)),
        ):
            table.setdefault(cle, Taux()).ajoute(statut, nombre)  # type: ignore[attr-defined]
        resultat.total.ajoute(statut, nombre)
    return resultat
