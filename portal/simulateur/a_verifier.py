"""Whether a condition of the law the engine is not given holds for a household
(`a_verifier_si` in content/aides): every key the rule gives must hold."""

from __future__ import annotations

from portal.catalogue.schemas.aide import AVerifierSi
from portal.simulateur.schemas import SimulationRequest


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
    return bool(tests) and all(tests)
