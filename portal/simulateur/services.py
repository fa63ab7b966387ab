"""Mes droits: national aids from the engine plus the département's own, as one list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.catalogue.schemas.aide import Aide, Nature, Statut
from portal.simulateur.a_verifier import regle_tient
from portal.simulateur.coffre import commune_scellee
from portal.simulateur.conditions import Contexte, evaluate
from portal.simulateur.moteur import EngineUnavailable
from portal.simulateur.schemas import SimulationRequest

TOLERANCE_ORDRE = 0.01  # € a month: below, two answers are the same amount
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
    nature: str = Nature.aide.value  # "a_payer": what the person would pay, never an aid

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
            "nature": self.nature,
        }


@dataclass(frozen=True)
class Resultat:
    mois: str
    aides: list[AideResultat]

    def as_json(self) -> dict[str, Any]:
        # Written out: `dataclasses.asdict` deep-copies every string, and took half of the
        # time the API spends besides OpenFisca (1 ms a request, measured).
        return {"mois": self.mois, "aides": [aide.as_json() for aide in self.aides]}


Etat = tuple[Statut, float | None, str | None]  # status, monthly amount, reason if "à vérifier"


def statut_national(
    aide: Aide, valeurs: dict[str, Any], requete: SimulationRequest, langue: str = "fr"
) -> Etat:
    """Status, monthly amount and, when a condition was not asked, the reason to check."""
    statut, montant = statut_calcule(aide, valeurs, requete)
    openfisca = aide.openfisca
    assert openfisca is not None
    for regle in openfisca.a_verifier_si:
        concernee = statut == Statut.eligible or (
            statut == Statut.non_eligible and regle.meme_si_non_eligible
        )
        if concernee and regle_tient(regle, requete):
            return Statut.a_verifier, montant, regle.car.en_langue(langue)
    if statut == Statut.eligible and openfisca.a_verifier_car is not None:
        return Statut.a_verifier, montant, openfisca.a_verifier_car.en_langue(langue)
    return statut, montant, None


def statut_calcule(
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
    aide_id: str, aide: Aide, etat: Etat, langue: str
) -> AideResultat:
    statut, montant, raison = etat
    return AideResultat(
        id=aide_id,
        nom=aide.nom.en_langue(langue),
        statut=statut.value,
        montant_mensuel=montant,
        nature=aide.nature.value,
        explication=raison or getattr(aide.explications, statut.value).en_langue(langue),
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
    valeurs = engine.simulate_one(requete)
    return resultat_of(requete, valeurs, catalogue=catalogue, engine=engine, langue=langue)


def resultat_of(
    requete: SimulationRequest,
    valeurs: dict[str, Any],
    *,
    catalogue: Any,
    engine: Any | None,
    langue: str = "fr",
) -> Resultat:
    """The aids from the engine's values; `engine` None skips the order check (which only
    turns an aid "à vérifier", never changes an amount)."""
    aides: dict[str, Aide] = catalogue.aides
    statuts: dict[str, Etat] = {
        aide_id: statut_national(aide, valeurs, requete, langue)
        for aide_id, aide in aides.items()
        if aide.openfisca is not None
    }
    calculees = {i: etat[0] for i, etat in statuts.items()}  # before the order check
    if engine is not None:
        statuts.update(check_ordre(aides, statuts, valeurs, requete, engine, langue))
    territoire = catalogue.territoire_of(requete.commune)
    contexte = Contexte(requete=requete, territoire=territoire.id if territoire else None)
    for aide_id, aide in aides.items():
        if aide.openfisca is not None:
            continue
        remplacee = aide.si_non_calculee and aide.si_non_calculee in calculees
        if remplacee and calculees[aide.si_non_calculee] == Statut.eligible:
            continue  # the national computation already answers
        statuts[aide_id] = (evaluate(aide.conditions, contexte), None, None)
    ordonnes = sorted(statuts, key=lambda i: (ORDRE_STATUTS[statuts[i][0]], aides[i].ordre, i))
    return Resultat(
        mois=requete.mois,
        aides=[_resultat(i, aides[i], statuts[i], langue) for i in ordonnes],
    )


def check_ordre(
    aides: dict[str, Aide],
    statuts: dict[str, Etat],
    valeurs: dict[str, Any],
    requete: SimulationRequest,
    engine: Any,
    langue: str,
) -> dict[str, Etat]:
    """Aids OpenFisca-France gives another amount when asked alone: "à vérifier", with why.

    Cheap: only aids said possible (a positive amount, "à vérifier" for another reason too:
    the amount shown is then the one in doubt) and marked `sensible_a_l_ordre` in
    their content are checked, in one more computation (the engine batches it with other
    people's checks). An aid at zero in the reference order is not checked."""
    a_controler: dict[str, str] = {}  # OpenFisca variable → aid id
    for aide_id, (statut, montant, _) in statuts.items():
        openfisca = aides[aide_id].openfisca
        possible = statut in (Statut.eligible, Statut.a_verifier)  # e.g. a child of 16
        if openfisca and openfisca.sensible_a_l_ordre and possible and montant:
            a_controler[openfisca.variable] = aide_id
    if not a_controler:
        return {}
    seules = {**valeurs, **engine.simulate_seules(requete, tuple(a_controler))}
    changees: dict[str, Etat] = {}
    for aide_id in a_controler.values():
        aide = aides[aide_id]
        montant = statuts[aide_id][1]
        _, montant_seul = statut_calcule(aide, seules, requete)
        if abs((montant_seul or 0.0) - (montant or 0.0)) > TOLERANCE_ORDRE:
            assert aide.openfisca is not None and aide.openfisca.sensible_a_l_ordre is not None
            raison = aide.openfisca.sensible_a_l_ordre.en_langue(langue)
            changees[aide_id] = (Statut.a_verifier, montant, raison)
    return changees


# "Et si… ?" builds on simulate() above: imported last (it imports this module).
from portal.simulateur.variantes import VariantesRequest, compute_variantes  # noqa: E402

# Re-exported: the door's public surface (other doors, the API and the CLI import only this).
__all__ = [
    "EngineUnavailable",
    "SimulationRequest",
    "VariantesRequest",
    "commune_scellee",
    "compute_variantes",
    "simulate",
]
