"""The results page's view of a simulation: "par où commencer" (at most three next steps),
then the rest grouped, amounts rounded down, and what the person would pay kept apart."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from portal.catalogue.schemas.aide import Aide, Nature, Statut
from portal.indicateurs.services import count_event
from portal.models import Evenement
from portal.simulateur.services import AideResultat, Resultat

ARRONDI = 10  # an estimate: never promise cents (aides-jeunes floors at 10 € too)
PREMIERS_PAS_MAX = 3  # more next steps than this and nobody knows where to start


@dataclass(frozen=True)
class Lien:
    texte: str
    url: str
    externe: bool = False
    genre: str = "en_ligne"  # "en_ligne", "rendez_vous" or "demande": which button it is


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
    nature: str = Nature.aide.value
    statut: str = Statut.eligible.value


@dataclass(frozen=True)
class PremierPas:
    """One next step: a sentence, what it may bring, and one button."""

    texte: str
    aide: AideAffichee
    lien: Lien


@dataclass(frozen=True)
class Bilan:
    mois: str
    premiers_pas: list[PremierPas] = field(default_factory=list)
    eligibles: list[AideAffichee] = field(default_factory=list)  # aids, not in the steps
    a_payer: list[AideAffichee] = field(default_factory=list)  # never summed with the aids
    a_verifier: list[AideAffichee] = field(default_factory=list)
    non_eligibles: list[AideAffichee] = field(default_factory=list)

    @property
    def total_aides(self) -> int:
        """Monthly total of the aids said possible: what the person would pay is not in it."""
        aides = [p.aide for p in self.premiers_pas] + self.eligibles
        return sum(a.montant or 0 for a in aides if a.nature == Nature.aide.value)


def round_down(montant: float | None) -> int | None:
    if montant is None:
        return None
    return int(math.floor(montant / ARRONDI) * ARRONDI)


def _affichee(
    aide: AideResultat, descriptions: dict[str, str], liens_of: Callable[[AideResultat], list[Lien]]
) -> AideAffichee:
    return AideAffichee(
        id=aide.id,
        nom=aide.nom,
        description=descriptions.get(aide.id, ""),
        explication=aide.explication,
        montant=round_down(aide.montant_mensuel),
        demarche=aide.demarche.texte,
        liens=liens_of(aide),
        documents=aide.documents,
        nature=aide.nature,
        statut=aide.statut,
    )


def _priorite(aide: AideAffichee, contenu: Aide | None) -> tuple[int, int, int]:
    """Urgent first (each month without asking is lost), then what it brings, then the
    catalogue's order."""
    urgente = bool(contenu and contenu.demarche.urgente)
    return (0 if urgente else 1, -(aide.montant or 0), contenu.ordre if contenu else 100)


def _premier_pas(aide: AideAffichee, contenu: Aide | None, langue: str) -> PremierPas | None:
    pas = contenu.demarche.premier_pas if contenu else None
    if pas is None or not aide.liens:
        return None
    lien = next((lien for lien in aide.liens if lien.genre == pas.bouton), aide.liens[0])
    return PremierPas(texte=pas.texte.en_langue(langue), aide=aide, lien=lien)


def choose_premiers_pas(
    eligibles: list[AideAffichee], aides: dict[str, Aide], langue: str
) -> tuple[list[PremierPas], list[AideAffichee]]:
    """At most three steps among the aids said possible (not what one would pay); the rest."""
    pas: list[PremierPas] = []
    reste: list[AideAffichee] = []
    for aide in sorted(eligibles, key=lambda a: _priorite(a, aides.get(a.id))):
        etape = None
        if len(pas) < PREMIERS_PAS_MAX and aide.nature == Nature.aide.value:
            etape = _premier_pas(aide, aides.get(aide.id), langue)
        if etape is None:
            reste.append(aide)
        else:
            pas.append(etape)
    return pas, reste


def present_resultat(
    resultat: Resultat,
    *,
    aides: dict[str, Aide],
    liens_of: Callable[[AideResultat], list[Lien]],
    langue: str = "fr",
) -> Bilan:
    """`aides`: the catalogue's aids (descriptions, next steps, urgency)."""
    descriptions = {i: a.description.en_langue(langue) for i, a in aides.items()}
    listes: dict[str, list[AideAffichee]] = {s.value: [] for s in Statut}
    a_payer: list[AideAffichee] = []
    for aide in resultat.aides:
        affichee = _affichee(aide, descriptions, liens_of)
        if aide.nature == Nature.a_payer.value and aide.statut == Statut.eligible.value:
            a_payer.append(affichee)
        else:
            listes[aide.statut].append(affichee)
    premiers_pas, eligibles = choose_premiers_pas(
        listes[Statut.eligible.value], aides, langue
    )
    return Bilan(
        mois=resultat.mois,
        premiers_pas=premiers_pas,
        eligibles=eligibles,
        a_payer=a_payer,
        a_verifier=listes[Statut.a_verifier.value],
        non_eligibles=listes[Statut.non_eligible.value],
    )


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
