"""The premier accueil queue: what an agent may see, filtered, urgent first then oldest.

The filters come from the query string; an unknown value is dropped and reported, never an
error page. Counting and paging happen in SQL, so the page stays fast with many demandes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql.elements import ColumnElement

from portal.accueil.demandes import visible_par
from portal.accueil.schemas import TOPICS
from portal.catalogue import Catalogue
from portal.models import Agent, Auteur, Demande, MessageConversation, SourceDemande, StatutDemande

PAR_PAGE = 50
OUVERTES = "ouvertes"
SUJETS = (*TOPICS, "humain", "urgence")


@dataclass(frozen=True)
class Filtres:
    territoire: str = ""
    lieu: str = ""
    topic: str = ""
    source: str = ""
    statut: str = OUVERTES
    page: int = 1
    # The names of the filters whose value was not understood (shown to the agent).
    ignores: tuple[str, ...] = field(default=(), compare=False)

    def as_args(self, **changes: object) -> dict[str, object]:
        """For links: the same filters, some changed; empty ones left out."""
        valeurs: dict[str, object] = {
            "territoire": self.territoire, "lieu": self.lieu, "topic": self.topic,
            "source": self.source, "statut": self.statut, "page": self.page,
        }
        valeurs.update(changes)
        return {k: v for k, v in valeurs.items() if v and not (k == "page" and v == 1)}


def parse_filtres(args: Mapping[str, str], catalogue: Catalogue) -> Filtres:
    permis = {
        "territoire": set(catalogue.territoires),
        "lieu": set(catalogue.lieux),
        "topic": set(SUJETS),
        "source": {s.value for s in SourceDemande},
        "statut": {OUVERTES, "toutes", *(s.value for s in StatutDemande)},
    }
    valeurs: dict[str, str] = {}
    ignores = []
    for nom, possibles in permis.items():
        valeur = (args.get(nom) or "").strip()
        if valeur and valeur not in possibles:
            ignores.append(nom)
            valeur = ""
        valeurs[nom] = valeur
    page = args.get("page") or "1"
    if not page.isdigit() or not 1 <= int(page) <= 10_000:
        ignores.append("page")
        page = "1"
    return Filtres(
        territoire=valeurs["territoire"], lieu=valeurs["lieu"], topic=valeurs["topic"],
        source=valeurs["source"], statut=valeurs["statut"] or OUVERTES, page=int(page),
        ignores=tuple(ignores),
    )


def _en_retard(now: datetime) -> ColumnElement[bool]:
    return and_(
        Demande.ouverte,
        Demande.premier_contact_at.is_(None),
        Demande.echeance_at < now,
    )


def _conditions(agent: Agent, filtres: Filtres) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = list(visible_par(agent))  # type: ignore[arg-type]
    if filtres.territoire:
        conditions.append(Demande.territoire_id == filtres.territoire)
    if filtres.lieu:
        conditions.append(Demande.lieu_id == filtres.lieu)
    if filtres.topic:
        conditions.append(Demande.topic == filtres.topic)
    if filtres.source:
        conditions.append(Demande.source == filtres.source)
    if filtres.statut == OUVERTES:
        conditions.append(Demande.ouverte)
    elif filtres.statut != "toutes":
        conditions.append(Demande.statut == filtres.statut)
    return conditions


def _non_lue() -> ColumnElement[bool]:
    """The person wrote after the last message an agent saw on the demande's page."""
    return exists().where(
        MessageConversation.conversation_id == Demande.conversation_id,
        MessageConversation.de == Auteur.usager,
        MessageConversation.id > func.coalesce(Demande.lu_jusqu_a, 0),
    )


@dataclass(frozen=True)
class Ligne:
    demande: Demande
    en_retard: bool
    non_lue: bool = False


@dataclass(frozen=True)
class File:
    lignes: list[Ligne]
    total: int
    nouvelles: int
    en_retard: int
    filtres: Filtres
    urgentes: int = 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAR_PAGE))


def lire_file(session: Session, *, agent: Agent, filtres: Filtres, now: datetime) -> File:
    conditions = _conditions(agent, filtres)
    retard = _en_retard(now)
    total, nouvelles, en_retard, urgentes = compter(session, conditions, retard)
    query = (
        select(Demande, retard, _non_lue())
        .options(joinedload(Demande.agent))
        .where(*conditions)
        .order_by(Demande.urgence.is_(None), Demande.created_at, Demande.id)
        .limit(PAR_PAGE)
        .offset((filtres.page - 1) * PAR_PAGE)
    )
    lignes = [Ligne(demande, bool(retarde), bool(non_lue))
              for demande, retarde, non_lue in session.execute(query)]
    return File(lignes=lignes, total=total, nouvelles=nouvelles, en_retard=en_retard,
                filtres=filtres, urgentes=urgentes)


def compter(session: Session, conditions: list[ColumnElement[bool]],
            retard: ColumnElement[bool]) -> tuple[int, int, int, int]:
    """Total, new, late and urgent-and-open demandes: what a locked page still shows."""
    total, nouvelles, en_retard, urgentes = session.execute(
        select(
            func.count(Demande.id),
            func.count(case((Demande.statut == StatutDemande.nouvelle, 1))),
            func.count(case((retard, 1))),
            func.count(case((and_(Demande.urgence.is_not(None), Demande.ouverte), 1))),
        ).where(*conditions)
    ).one()
    return total, nouvelles, en_retard, urgentes


def compter_file(session: Session, *, agent: Agent, filtres: Filtres,
                 now: datetime) -> File:
    """The counts without any row: for a locked page."""
    total, nouvelles, en_retard, urgentes = compter(
        session, _conditions(agent, filtres), _en_retard(now))
    return File(lignes=[], total=total, nouvelles=nouvelles, en_retard=en_retard,
                filtres=filtres, urgentes=urgentes)
