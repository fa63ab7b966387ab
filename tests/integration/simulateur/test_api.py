"""POST /api/v1/simulations through the app: results, bad input as 400, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.simulateur.moteur.engine import Engine

CORPS: dict[str, Any] = {
    "mois": "2026-11",
    "commune": "27229",
    "couple": False,
    "adultes": [
        {
            "date_naissance": "1985-04-02",
            "activite": "inactif",
            "salaire_net_mensuel": 0,
            "chomage_net_mensuel": 0,
            "retraite_brute_mensuelle": 0,
            "taux_incapacite": 0,
            "gir": None,
        }
    ],
    "enfants": [],
    "logement": {"statut": "locataire", "loyer_mensuel": 500, "logement_social": False},
}


@pytest.fixture
def api(app: Flask, client: FlaskClient, engine: Engine) -> FlaskClient:
    app.extensions["simulateur"] = engine  # the session's warm engine
    return client


def test_simulation(api: FlaskClient) -> None:
    response = api.post("/api/v1/simulations", json=CORPS)
    assert response.status_code == 200
    data = response.get_json()
    assert data["mois"] == "2026-11"
    aides = {a["id"]: a for a in data["aides"]}
    assert aides["rsa"]["statut"] == "eligible"
    assert aides["rsa"]["montant_mensuel"] > 0
    assert aides["aides_financieres"]["statut"] == "a_verifier"
    assert aides["rsa"]["demarche"]["motif"] == "rsa_orientation"
    statuts = [a["statut"] for a in data["aides"]]
    assert statuts == sorted(statuts, key=["eligible", "a_verifier", "non_eligible"].index)


def test_independant_rsa_is_to_check(api: FlaskClient) -> None:
    corps = {**CORPS, "adultes": [{**CORPS["adultes"][0], "activite": "independant"}]}
    aides = {a["id"]: a for a in api.post("/api/v1/simulations", json=corps).get_json()["aides"]}
    assert aides["rsa"]["statut"] == "a_verifier"
    assert aides["rsa"]["montant_mensuel"] is None


@pytest.mark.parametrize(
    ("corps", "champ"),
    [
        ({**CORPS, "commune": "75056"}, "commune"),
        ({**CORPS, "couple": True}, "adultes"),
        ({k: v for k, v in CORPS.items() if k != "logement"}, "logement"),
    ],
)
def test_bad_input(api: FlaskClient, corps: dict[str, Any], champ: str) -> None:
    response = api.post("/api/v1/simulations", json=corps)
    assert response.status_code == 400
    assert champ in response.get_json()["erreurs"]


def test_not_json(api: FlaskClient) -> None:
    response = api.post("/api/v1/simulations", data="pas du json", content_type="text/plain")
    assert response.status_code == 400
    assert "erreurs" in response.get_json()


def test_english(api: FlaskClient) -> None:
    response = api.post("/api/v1/simulations", json=CORPS, headers={"Accept-Language": "en"})
    noms = {a["id"]: a["nom"] for a in response.get_json()["aides"]}
    assert noms["af"] == "Family allowance"
