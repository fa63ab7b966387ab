"""From the answers of the flow to the shared schema: one step's errors, or the full request."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from pydantic import ValidationError

from portal.simulateur.parcours import Etape, Reponses, build_corps, etape_of_chemin
from portal.simulateur.schemas import SimulationRequest
from portal.validation import validation_errors


def _erreurs(reponses: Reponses, *, communes: Collection[str], today: date) -> dict[str, str]:
    try:
        SimulationRequest.parse(build_corps(reponses), communes=communes, today=today)
    except ValidationError as exc:
        return validation_errors(exc)
    return {}


def check_etape(
    etape: Etape, reponses: Reponses, *, communes: Collection[str], today: date
) -> dict[str, str]:
    """Form field → message, for this step only: the steps not yet answered are missing
    from the body, and their "obligatoire" is not this page's business."""
    erreurs = _erreurs(reponses, communes=communes, today=today)
    return {champ: erreurs[chemin] for champ, chemin in etape.chemins.items() if chemin in erreurs}


def build_requete(
    reponses: Reponses, *, communes: Collection[str], today: date
) -> SimulationRequest | Etape:
    """The request, or the step to go back to (an answer no longer valid, e.g. a month
    later, or a step never answered)."""
    try:
        return SimulationRequest.parse(build_corps(reponses), communes=communes, today=today)
    except ValidationError as exc:
        for chemin in validation_errors(exc):
            etape = etape_of_chemin(chemin, reponses)
            if etape is not None:
                return etape
        raise
