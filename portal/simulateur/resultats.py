"""The results page's view of a simulation: three lists, amounts rounded down, next steps."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from portal.catalogue.schemas.aide import Statut
from portal.indicateurs.services import count_event
from portal.models import Evenement
from portal.simulateur.services import AideResultat, Resultat

ARRONDI = 10  # an estimate: never promise cents (aides-jeunes floors at 10 € too)


@dataclass(frozen=True)
class Lien:
    texte: str
    url: str
    externe: bool = False


@dataclass(frozen=True)
class AideAffichee:
    id: str
    nom: str
    description: str
    explication: str
    montant: int | None  # per month, rounded down to 10 €
    demarche: str
    liens: list[Lien]
    documents: list[str]


@dataclass(frozen=True)
class Bilan:
    mois: str
    eligibles: list[AideAffichee] = field(default_factory=list)
    a_verifier: list[AideAffichee] = field(default_factory=list)
    non_eligibles: list[AideAffichee] = field(default_factory=list)


def round_down(montant: float | None) -> int | None:
    if montant is None:
        return None
    return int(math.floor(montant / ARRONDI) * ARRONDI)


def present_resultat(
    resultat: Resultat,
    *,
    descriptions: dict[str, str],
    liens_of: Callable[[AideResultat], list[Lien]],
) -> Bilan:
    """`descriptions`: aid id → one sentence saying what it is (from the catalogue)."""
    bilan = Bilan(mois=resultat.mois)
    listes = {
        Statut.eligible.value: bilan.eligibles,
        Statut.a_verifier.value: bilan.a_verifier,
        Statut.non_eligible.value: bilan.non_eligibles,
    }
    for aide in resultat.aides:
        listes[aide.statut].append(
            AideAffichee(
                id=aide.id,
                nom=aide.nom,
                description=descriptions.get(aide.id, ""),
                explication=aide.explication,
                montant=round_down(aide.montant_mensuel),
                demarche=aide.demarche.texte,
                liens=liens_of(aide),
                documents=aide.documents,
            )
        )
    return bilan


def count_resultat(
    session: Session, resultat: Resultat, *, jour: date, territoire_id: str
) -> None:
    """Anonymous counts: one simulation, and each aid shown as possible or to check."""
    count_event(session, jour=jour, evenement=Evenement.simulation, territoire_id=territoire_id)
    for aide in resultat.aides:
        if aide.statut != Statut.non_eligible.value:
            count_event(
                session,
                jour=jour,
                evenement=Evenement(f"simulation_{aide.statut}"),
                territoire_id=territoire_id,
                cle=aide.id,
            )
