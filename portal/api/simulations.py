"""POST /api/v1/simulations: the aids a household may get (see DESIGN.md for the contract)."""

from __future__ import annotations

from flask import Response, current_app, jsonify
from flask_babel import gettext as _

from portal.api import bp
from portal.api.errors import DonneesInvalides, parse_body
from portal.catalogue import current_catalogue
from portal.horloge import maintenant
from portal.i18n import langue
from portal.simulateur import services
from portal.simulateur.services import (
    EngineUnavailable,
    SimulationRequest,
    VariantesRequest,
    compute_variantes,
)


@bp.post("/simulations")
def create_simulation() -> Response:
    catalogue = current_catalogue()
    today = maintenant().date()
    requete = parse_body(
        lambda data: SimulationRequest.parse(data, communes=catalogue.communes.keys(), today=today)
    )
    try:
        resultat = services.simulate(
            requete,
            catalogue=catalogue,
            engine=current_app.extensions["simulateur"],
            today=today,
            langue=langue(),
        )
    except EngineUnavailable:
        current_app.logger.warning("Simulateur indisponible", exc_info=True)
        message = _("Le simulateur n'est pas disponible. Réessayez dans une minute.")
        raise DonneesInvalides({"_": message}, 503) from None
    return jsonify(resultat.as_json())


@bp.post("/simulations/variantes")
def create_variantes() -> Response:
    """« Et si… ? »: one answer over several values, as one vectorised simulation."""
    catalogue = current_catalogue()
    today = maintenant().date()
    demande = parse_body(
        lambda data: VariantesRequest.model_validate(
            data, context={"communes": catalogue.communes.keys(), "today": today}
        )
    )
    try:
        lignes = compute_variantes(
            demande,
            catalogue=catalogue,
            engine=current_app.extensions["simulateur"],
            langue=langue(),
        )
    except EngineUnavailable:
        current_app.logger.warning("Simulateur indisponible", exc_info=True)
        message = _("Le simulateur n'est pas disponible. Réessayez dans une minute.")
        raise DonneesInvalides({"_": message}, 503) from None
    return jsonify({"variantes": lignes})
