"""The département's own aids: one evaluator per condition type, picked from a table.

An evaluator answers True (met), False (not met) or None (cannot be checked here: shown to
the person as "à vérifier").
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.catalogue.schemas.aide import Operateur, Statut
from portal.simulateur.schemas import SimulationRequest

OPERATEURS: dict[Operateur, Callable[[float, float], bool]] = {
    Operateur.inferieur: operator.lt,
    Operateur.inferieur_ou_egal: operator.le,
    Operateur.superieur: operator.gt,
    Operateur.superieur_ou_egal: operator.ge,
    Operateur.egal: operator.eq,
}


@dataclass(frozen=True)
class Contexte:
    requete: SimulationRequest
    territoire: str | None  # the commune's territory id, from the catalogue

    @property
    def jour(self) -> date:
        return premier_jour(self.requete.mois)


def premier_jour(mois: str) -> date:
    """The first day of a month "AAAA-MM": ages are taken that day, as the engine does."""
    return date(int(mois[:4]), int(mois[5:7]), 1)


def age_at(naissance: date, jour: date) -> int:
    return jour.year - naissance.year - ((jour.month, jour.day) < (naissance.month, naissance.day))


def _any_adulte(contexte: Contexte, test: Callable[[Any], bool]) -> bool:
    return any(test(adulte) for adulte in contexte.requete.adultes)


def _age(condition: Any, contexte: Contexte) -> bool:
    compare = OPERATEURS[condition.operateur]
    return _any_adulte(
        contexte, lambda a: compare(age_at(a.date_naissance, contexte.jour), condition.valeur)
    )


def _gir(condition: Any, contexte: Contexte) -> bool:
    return _any_adulte(contexte, lambda a: a.gir in condition.valeurs)


def _taux_incapacite(condition: Any, contexte: Contexte) -> bool:
    compare = OPERATEURS[condition.operateur]
    return _any_adulte(contexte, lambda a: compare(a.taux_incapacite, condition.valeur))


def ressources_mensuelles(requete: SimulationRequest) -> float:
    return sum(
        a.salaire_net_mensuel + a.chomage_net_mensuel + a.retraite_brute_mensuelle
        for a in requete.adultes
    )


def _ressources_plafond(condition: Any, contexte: Contexte) -> bool | None:
    if contexte.jour < condition.date_effet:
        return None  # the ceiling is not in force yet for that month: cannot say
    return ressources_mensuelles(contexte.requete) <= condition.montant


def _statut_logement(condition: Any, contexte: Contexte) -> bool:
    return contexte.requete.logement.statut.value in condition.valeurs


def _territoire(condition: Any, contexte: Contexte) -> bool:
    return contexte.territoire in condition.valeurs


def _communes(condition: Any, contexte: Contexte) -> bool:
    return contexte.requete.commune in condition.valeurs


def _enfants(condition: Any, contexte: Contexte) -> bool:
    enfants = [
        e
        for e in contexte.requete.enfants
        if condition.age_max is None or age_at(e.date_naissance, contexte.jour) <= condition.age_max
    ]
    return len(enfants) >= condition.minimum


def _texte(condition: Any, contexte: Contexte) -> None:
    return None


EVALUATEURS: dict[str, Callable[[Any, Contexte], bool | None]] = {
    "age": _age,
    "gir": _gir,
    "taux_incapacite": _taux_incapacite,
    "ressources_plafond": _ressources_plafond,
    "statut_logement": _statut_logement,
    "territoire": _territoire,
    "communes": _communes,
    "enfants": _enfants,
    "texte": _texte,
}


def evaluate(conditions: tuple[Any, ...], contexte: Contexte) -> Statut:
    """All conditions must hold: one False → non éligible; one unknown → à vérifier."""
    resultats = [EVALUATEURS[c.type](c, contexte) for c in conditions]
    if any(r is False for r in resultats):
        return Statut.non_eligible
    if any(r is None for r in resultats):
        return Statut.a_verifier
    return Statut.eligible
