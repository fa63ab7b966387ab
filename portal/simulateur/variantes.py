"""« Et si… ? »: one household, one answer changed over several values (e.g. the pay from 0 to
2 000 € a month), every variant computed in ONE vectorised OpenFisca simulation.

The engine batches what is queued together: the variants are queued at once, so they are one
simulation of N households, which costs about what one household costs. Each variant is the
very household `POST /api/v1/simulations` would compute (a test checks it).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from flask_babel import gettext
from pydantic import Field, ValidationInfo, field_validator

from portal.catalogue.schemas.aide import Nature, Statut
from portal.simulateur import services
from portal.simulateur.schemas import Montant, SimulationRequest, Strict

VALEURS_MAX = 41  # 0 to 2 000 € in steps of 50 €
CHAMPS = ("salaire_net_mensuel", "chomage_net_mensuel", "retraite_brute_mensuelle")
Champ = Literal["salaire_net_mensuel", "chomage_net_mensuel", "retraite_brute_mensuelle"]


class VariantesRequest(Strict):
    situation: SimulationRequest
    adulte: Annotated[int, Field(ge=0, le=1, strict=True)] = 0
    champ: Champ
    valeurs: Annotated[list[Montant], Field(min_length=1, max_length=VALEURS_MAX)]

    @field_validator("adulte")
    @classmethod
    def _adulte_existe(cls, value: int, info: ValidationInfo) -> int:
        situation = info.data.get("situation")
        if situation is not None and value >= len(situation.adultes):
            raise ValueError(gettext("Cet adulte n'est pas dans la situation."))
        return value

    def requetes(self) -> list[SimulationRequest]:
        """One household per value: the situation with that answer changed."""
        foyers = []
        for valeur in self.valeurs:
            adultes = list(self.situation.adultes)
            adultes[self.adulte] = adultes[self.adulte].model_copy(update={self.champ: valeur})
            foyers.append(self.situation.model_copy(update={"adultes": adultes}))
        return foyers


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
