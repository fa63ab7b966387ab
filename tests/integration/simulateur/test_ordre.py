"""OpenFisca-France answers some aids differently depending on what the same simulation
computed before them: its spirals (an aid that needs, through its resources, another aid that
needs the first) are cut with a default value, and where the cut falls depends on the order.

The portal's reference is the plain call in the order of VARIABLES_NATIONALES, which the
engine follows exactly. On 400 random households (23/11/2026), the same aid asked alone in a
fresh simulation gave another amount for the APA (20 households, up to 90 € a month), the
complément familial (4), the CSS participation (3), the housing aid (1) and the CMU-C (1).
This test pins one of them, so that an openfisca-france version that changes this is noticed
(the README and the reference of the engine then need a second look)."""

from __future__ import annotations

from datetime import date
from typing import Any

from portal.simulateur.moteur.engine import Engine
from portal.simulateur.moteur.openfisca_adapter import VARIABLES_NATIONALES, calculate_naive
from portal.simulateur.schemas import SimulationRequest

# A couple with three children, owners; one adult of 72 at 80 % with unemployment benefit and
# a pension. Complément familial: 298.75 € in the portal's order, 87.07 € asked alone.
FOYER = {
    "mois": "2026-11",
    "commune": "27467",
    "couple": True,
    "adultes": [
        {
            "date_naissance": "1969-02-06",
            "activite": "etudiant",
            "taux_incapacite": 30.0,
        },
        {
            "date_naissance": "1954-01-24",
            "activite": "chomeur",
            "chomage_net_mensuel": 1636.19,
            "retraite_brute_mensuelle": 2461.1,
            "taux_incapacite": 80.0,
            "gir": 6,
        },
    ],
    "enfants": [
        {"date_naissance": "2017-01-29"},
        {"date_naissance": "2022-12-28"},
        {"date_naissance": "2007-02-04"},
    ],
    "logement": {"statut": "proprietaire"},
}


def test_an_aid_asked_alone_can_differ_from_the_reference_order(tbs: Any, engine: Engine) -> None:
    requete = SimulationRequest.model_validate(FOYER, context={"today": date(2026, 11, 23)})
    dans_l_ordre = calculate_naive(tbs, requete)
    seul = calculate_naive(tbs, requete, ("cf",))
    assert VARIABLES_NATIONALES.index("cf") > 0  # other aids are computed before it
    assert abs(float(dans_l_ordre["cf"]) - float(seul["cf"])) > 100
    # The portal gives the answer of the reference order.
    assert abs(float(engine.simulate_one(requete)["cf"]) - float(dans_l_ordre["cf"])) <= 0.01
