"""« Et si… ? »: one household, one answer changed over several values (the pay from 0 to
2 000 € a month, the rent, the age of a child), every variant computed in ONE vectorised
OpenFisca simulation.

The engine batches what is queued together: the variants are queued at once, so they are one
simulation of N households, which costs about what one household costs. Each variant is the
very household `POST /api/v1/simulations` would compute (a test checks it).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from flask_babel import gettext
from pydantic import Field, ValidationInfo, field_validator

from portal.catalogue.schemas.aide import Nature, Statut
from portal.simulateur import services
from portal.simulateur.schemas import (
    ENFANTS_MAX,
    LOYER_MAX,
    Enfant,
    Montant,
    SimulationRequest,
    Strict,
)

VALEURS_MAX = 41  # 0 to 2 000 € in steps of 50 €
AGE_ENFANT_MAX = 25  # the oldest a dependent child can be in any aid we show
CHAMPS_ADULTE = ("salaire_net_mensuel", "chomage_net_mensuel", "retraite_brute_mensuelle")
Champ = Literal[
    "salaire_net_mensuel", "chomage_net_mensuel", "retraite_brute_mensuelle",
    "loyer_mensuel", "age_enfant",
]


def naissance_pour_age(mois: str, age: int) -> date:
    """A birth date that makes a child `age` full years old during the simulated month."""
    annee, numero = (int(part) for part in mois.split("-"))
    annee, numero = (annee, numero - 1) if numero > 1 else (annee - 1, 12)
    return date(annee - age, numero, 15)


class VariantesRequest(Strict):
    situation: SimulationRequest
    adulte: Annotated[int, Field(ge=0, le=1, strict=True)] = 0
    champ: Champ
    enfant: Annotated[int, Field(ge=0, le=ENFANTS_MAX - 1, strict=True)] = 0
    valeurs: Annotated[list[Montant], Field(min_length=1, max_length=VALEURS_MAX)]

    @field_validator("adulte")
    @classmethod
    def _adulte_existe(cls, value: int, info: ValidationInfo) -> int:
        situation = info.data.get("situation")
        if situation is not None and value >= len(situation.adultes):
            raise ValueError(gettext("Cet adulte n'est pas dans la situation."))
        return value

    @field_validator("enfant")
    @classmethod
    def _enfant_existe(cls, value: int, info: ValidationInfo) -> int:
        situation = info.data.get("situation")
        if (info.data.get("champ") == "age_enfant" and situation is not None
                and value >= len(situation.enfants)):
            raise ValueError(gettext("Cet enfant n'est pas dans la situation."))
        return value

    @field_validator("valeurs")
    @classmethod
    def _valeurs_du_champ(cls, valeurs: list[float], info: ValidationInfo) -> list[float]:
        champ = info.data.get("champ")
        if champ == "age_enfant" and any(v != int(v) or v > AGE_ENFANT_MAX for v in valeurs):
            raise ValueError(gettext(
                "Un âge est un nombre entier d'années, de 0 à %(max)s.", max=AGE_ENFANT_MAX))
        if champ == "loyer_mensuel" and any(v > LOYER_MAX for v in valeurs):
            raise ValueError(gettext("Ce loyer est trop élevé."))
        return valeurs

    def requetes(self) -> list[SimulationRequest]:
        """One household per value: the situation with that answer changed."""
        return [self.avec(valeur) for valeur in self.valeurs]

    def avec(self, valeur: float) -> SimulationRequest:
        situation = self.situation
        if self.champ == "loyer_mensuel":
            logement = situation.logement.model_copy(update={"loyer_mensuel": valeur})
            return situation.model_copy(update={"logement": logement})
        if self.champ == "age_enfant":
            enfants = list(situation.enfants)
            enfants[self.enfant] = Enfant(date_naissance=naissance_pour_age(situation.mois,
                                                                            int(valeur)))
            return situation.model_copy(update={"enfants": enfants})
        adultes = list(situation.adultes)
        adultes[self.adulte] = adultes[self.adulte].model_copy(update={self.champ: valeur})
        return situation.model_copy(update={"adultes": adultes})


def _ligne(
    valeur: float, requete: SimulationRequest, resultat: services.Resultat
) -> dict[str, Any]:
    aides = [a for a in resultat.aides if a.statut == Statut.eligible.value]
    total = sum(a.montant_mensuel or 0.0 for a in aides if a.nature == Nature.aide.value)
    a_payer = sum(a.montant_mensuel or 0.0 for a in aides if a.nature == Nature.a_payer.value)
    revenus = sum(
        a.salaire_net_mensuel + a.chomage_net_mensuel + a.retraite_brute_mensuelle
        for a in requete.adultes
    )
    return {
        "valeur": valeur,
        "total_aides_mensuel": round(total, 2),
        "revenu_disponible_mensuel": round(revenus + total - a_payer, 2),
        "aides": [
            {"id": a.id, "montant_mensuel": a.montant_mensuel}
            for a in resultat.aides
            if a.montant_mensuel is not None
        ],
    }


def compute_variantes(
    demande: VariantesRequest, *, catalogue: Any, engine: Any, langue: str = "fr"
) -> list[dict[str, Any]]:
    requetes = demande.requetes()
    tous = engine.simulate(requetes)  # queued together: one simulation of len(requetes)
    return [
        _ligne(valeur, requete, services.resultat_of(
            requete, valeurs, catalogue=catalogue, engine=None, langue=langue
        ))
        for valeur, requete, valeurs in zip(demande.valeurs, requetes, tous, strict=True)
    ]
