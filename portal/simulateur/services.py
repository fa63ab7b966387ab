"""Mes droits: national aids from the engine plus the département's own, as one list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.catalogue.schemas.aide import Aide, Statut
from portal.simulateur.conditions import Contexte, evaluate
from portal.simulateur.moteur import EngineUnavailable
from portal.simulateur.schemas import SimulationRequest

ORDRE_STATUTS = {Statut.eligible: 0, Statut.a_verifier: 1, Statut.non_eligible: 2}


@dataclass(frozen=True)
class Demarche:
    texte: str
    motif: str | None
    url: str | None


@dataclass(frozen=True)
class AideResultat:
    id: str
    nom: str
    statut: str
    montant_mensuel: float | None
    explication: str
    demarche: Demarche
    documents: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "nom": self.nom,
            "statut": self.statut,
            "montant_mensuel": self.montant_mensuel,
            "explication": self.explication,
            "demarche": {
                "texte": self.demarche.texte,
                "motif": self.demarche.motif,
                "url": self.demarche.url,
            },
            "documents": list(self.documents),
        }


@dataclass(frozen=True)
class Resultat:
    mois: str
    aides: list[AideResultat]

    def as_json(self) -> dict[str, Any]:
        # Written out: `dataclasses.asdict` deep-copies every string, and took half of the
        # time the API spends besides OpenFisca (1 ms a request, measured).
        return {"mois": self.mois, "aides": [aide.as_json() for aide in self.aides]}


def statut_national(
    aide: Aide, valeurs: dict[str, Any], requete: SimulationRequest
) -> tuple[Statut, float | None]:
    """Status and monthly amount of an aid computed by OpenFisca."""
    openfisca = aide.openfisca
    assert openfisca is not None
    if openfisca.non_calculable and valeurs[openfisca.non_calculable] != "calculable":
        return Statut.a_verifier, None
    if any(a.activite.value in openfisca.a_verifier_si_activite for a in requete.adultes):
        return Statut.a_verifier, None
    valeur = valeurs[openfisca.variable]
    if isinstance(valeur, bool):
        return (Statut.eligible if valeur else Statut.non_eligible), None
    montant = float(valeur) / (12 if openfisca.periode == "annee" else 1)
    if montant <= 0:
        return Statut.non_eligible, None
    montant = round(montant, 2)
    bornes = openfisca.a_verifier_si_taux_incapacite_entre
    if bornes and any(bornes[0] <= a.taux_incapacite <= bornes[1] for a in requete.adultes):
        return Statut.a_verifier, montant  # computed under a hypothesis the MDPH decides
    return Statut.eligible, montant


def _resultat(
    aide_id: str, aide: Aide, statut: Statut, montant: float | None, langue: str
) -> AideResultat:
    return AideResultat(
        id=aide_id,
        nom=aide.nom.en_langue(langue),
        statut=statut.value,
        montant_mensuel=montant,
        explication=getattr(aide.explications, statut.value).en_langue(langue),
        demarche=Demarche(
            texte=aide.demarche.texte.en_langue(langue),
            motif=aide.demarche.motif,
            url=aide.demarche.url,
        ),
        documents=[d.en_langue(langue) for d in aide.documents],
    )


def simulate(
    requete: SimulationRequest,
    *,
    catalogue: Any,
    engine: Any,
    today: date,
    langue: str = "fr",
) -> Resultat:
    """`today` is the day of the request; ages and dated ceilings use the simulated month."""
    aides: dict[str, Aide] = catalogue.aides
    valeurs = engine.simulate_one(requete)
    statuts: dict[str, tuple[Statut, float | None]] = {
        aide_id: statut_national(aide, valeurs, requete)
        for aide_id, aide in aides.items()
        if aide.openfisca is not None
    }
    territoire = catalogue.territoire_of(requete.commune)
    contexte = Contexte(requete=requete, territoire=territoire.id if territoire else None)
    for aide_id, aide in aides.items():
        if aide.openfisca is not None:
            continue
        remplacee = aide.si_non_calculee and aide.si_non_calculee in statuts
        if remplacee and statuts[aide.si_non_calculee][0] == Statut.eligible:
            continue  # the national computation already answers
        statuts[aide_id] = (evaluate(aide.conditions, contexte), None)
    ordonnes = sorted(statuts, key=lambda i: (ORDRE_STATUTS[statuts[i][0]], aides[i].ordre, i))
    return Resultat(
        mois=requete.mois,
        aides=[_resultat(i, aides[i], *statuts[i], langue) for i in ordonnes],
    )


# Re-exported: the door's public surface (other doors, the API and the CLI import only this).
__all__ = [
    "EngineUnavailable",
    "SimulationRequest",
    "simulate",
]
