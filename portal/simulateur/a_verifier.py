"""Whether a condition of the law the engine is not given holds for a household
(`a_verifier_si` in content/aides): every key the rule gives must hold."""

from __future__ import annotations

from portal.catalogue.schemas.aide import AVerifierSi
from portal.simulateur.conditions import age_at, premier_jour
from portal.simulateur.schemas import SimulationRequest


def age_enfant_aine(requete: SimulationRequest) -> int | None:
    """Age in years of the eldest child on the first day of the simulated month."""
    if not requete.enfants:
        return None
    jour = premier_jour(requete.mois)
    return max(age_at(enfant.date_naissance, jour) for enfant in requete.enfants)


def regle_tient(regle: AVerifierSi, requete: SimulationRequest) -> bool:
    personne = requete.adultes[0]
    tests: list[bool] = []
    if regle.sejour:
        tests.append(personne.sejour.value in regle.sejour)
    if regle.pension_invalidite:
        tests.append(personne.pension_invalidite)
    if regle.epargne:
        tests.append(requete.epargne)
    if regle.enceinte:
        tests.append(any(adulte.enceinte for adulte in requete.adultes))
    if regle.separation_recente:
        tests.append(requete.separation_recente)
    if regle.garde_alternee:
        tests.append(requete.garde_alternee and bool(requete.enfants))
    if regle.enfant_d_au_moins is not None:
        aine = age_enfant_aine(requete)
        tests.append(aine is not None and aine >= regle.enfant_d_au_moins)
    return bool(tests) and all(tests)
