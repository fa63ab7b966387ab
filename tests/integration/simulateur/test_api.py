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


def test_each_variant_is_the_household_of_simulations(api: FlaskClient, engine: Engine) -> None:
    """« Et si… ? »: every point of the curve is what /simulations answers for that pay."""
    personne = {**CORPS["adultes"][0], "activite": "salarie"}
    situation = {**CORPS, "adultes": [personne],
                 "enfants": [{"date_naissance": "2016-03-04"}, {"date_naissance": "2019-09-20"}]}
    valeurs = [0, 700, 1400, 2100]
    response = api.post("/api/v1/simulations/variantes", json={
        "situation": situation, "adulte": 0, "champ": "salaire_net_mensuel", "valeurs": valeurs,
    })
    assert response.status_code == 200
    assert engine.tailles_lots[-1] == len(valeurs)  # one simulation of 4 households
    variantes = response.get_json()["variantes"]
    assert [v["valeur"] for v in variantes] == valeurs
    for variante in variantes:
        seule = api.post("/api/v1/simulations", json={
            **situation, "adultes": [{**personne, "salaire_net_mensuel": variante["valeur"]}],
        }).get_json()["aides"]
        attendu = {a["id"]: a["montant_mensuel"] for a in seule if a["montant_mensuel"] is not None}
        assert {a["id"]: a["montant_mensuel"] for a in variante["aides"]} == attendu
        total = sum(a["montant_mensuel"] for a in seule
                    if a["statut"] == "eligible" and a["nature"] == "aide" and a["montant_mensuel"])
        assert variante["total_aides_mensuel"] == pytest.approx(total, abs=0.01)
    # More pay: the aids go down (here, from 0 to 2 100 €).
    assert variantes[0]["total_aides_mensuel"] > variantes[-1]["total_aides_mensuel"]


@pytest.mark.parametrize(
    ("changement", "champ"),
    [
        ({"valeurs": list(range(42))}, "valeurs"),
        ({"valeurs": []}, "valeurs"),
        ({"champ": "loyer"}, "champ"),
        ({"adulte": 1}, "adulte"),
        ({"valeurs": ["1.200"]}, "valeurs.0"),
    ],
)
def test_variants_bad_input(api: FlaskClient, changement: dict[str, Any], champ: str) -> None:
    corps = {"situation": CORPS, "adulte": 0, "champ": "salaire_net_mensuel", "valeurs": [0]}
    response = api.post("/api/v1/simulations/variantes", json={**corps, **changement})
    assert response.status_code == 400
    assert champ in response.get_json()["erreurs"], response.get_json()


def test_the_variants_are_in_the_openapi_document(api: FlaskClient) -> None:
    document = api.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/simulations/variantes"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["valeurs"]["maxItems"] == 41
    aide = document["paths"]["/simulations"]["post"]["responses"]["200"]["content"][
        "application/json"]["schema"]["properties"]["aides"]["items"]
    assert aide["properties"]["nature"]["enum"] == ["aide", "a_payer"]
