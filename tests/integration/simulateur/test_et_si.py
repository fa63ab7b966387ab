"""« Et si je déménageais ? » and « Et si mon enfant avait un autre âge ? »: the rent and the age
of the youngest child changed over 21 values in one simulation, each point what
`POST /api/v1/simulations` answers for that household; the pages say what they change."""

from __future__ import annotations

import re
from datetime import datetime
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.simulateur.moteur import Engine
from portal.simulateur.variantes import naissance_pour_age
from tests.integration.simulateur.test_mes_droits import _set_reponses
from tests.integration.simulateur.test_resultats import CORPS, PERSONA


@pytest.fixture
def api(app: Flask, client: FlaskClient, engine: Engine) -> FlaskClient:
    app.extensions["simulateur"] = engine
    return client


def _montants(aides: list[dict[str, Any]]) -> dict[str, float]:
    return {a["id"]: a["montant_mensuel"] for a in aides if a["montant_mensuel"] is not None}


def _seule(api: FlaskClient, corps: dict[str, Any]) -> dict[str, float]:
    response = api.post("/api/v1/simulations", json=corps)
    assert response.status_code == 200, response.get_json()
    return _montants(response.get_json()["aides"])


def test_each_rent_is_the_household_of_simulations(api: FlaskClient, engine: Engine) -> None:
    valeurs = [0, 300, 700]
    response = api.post("/api/v1/simulations/variantes", json={
        "situation": CORPS, "champ": "loyer_mensuel", "valeurs": valeurs,
    })
    assert response.status_code == 200, response.get_json()
    assert engine.tailles_lots[-1] == len(valeurs)
    variantes = response.get_json()["variantes"]
    for variante in variantes:
        logement = {**CORPS["logement"], "loyer_mensuel": variante["valeur"]}
        assert _montants(variante["aides"]) == _seule(api, {**CORPS, "logement": logement})
    # A higher rent: more housing aid (APL), here from 0 to 700 €.
    apl = [_montants(v["aides"]).get("aide_logement", 0) for v in variantes]
    assert apl[0] < apl[-1]


def test_each_age_is_the_household_of_simulations(api: FlaskClient) -> None:
    valeurs = [0, 2, 3, 14, 20]
    response = api.post("/api/v1/simulations/variantes", json={
        "situation": CORPS, "champ": "age_enfant", "enfant": 1, "valeurs": valeurs,
    })
    assert response.status_code == 200, response.get_json()
    variantes = response.get_json()["variantes"]
    for variante in variantes:
        naissance = naissance_pour_age(CORPS["mois"], int(variante["valeur"])).isoformat()
        enfants = [CORPS["enfants"][0], {"date_naissance": naissance}]
        assert _montants(variante["aides"]) == _seule(api, {**CORPS, "enfants": enfants})
    # Not the same aids for a baby and for a child of 14 (e.g. the ARS, the age bonus of the AF).
    assert variantes[0]["aides"] != variantes[3]["aides"]


@pytest.mark.parametrize(
    ("changement", "champ"),
    [
        ({"champ": "age_enfant", "valeurs": [2.5]}, "valeurs"),
        ({"champ": "age_enfant", "valeurs": [26]}, "valeurs"),
        ({"champ": "age_enfant", "enfant": 2, "valeurs": [3]}, "enfant"),
        ({"champ": "loyer_mensuel", "valeurs": [10_001]}, "valeurs"),
    ],
)
def test_bad_variants(api: FlaskClient, changement: dict[str, Any], champ: str) -> None:
    response = api.post("/api/v1/simulations/variantes", json={"situation": CORPS, **changement})
    assert response.status_code == 400
    assert champ in response.get_json()["erreurs"], response.get_json()


def test_the_results_offer_the_questions_that_apply(api: FlaskClient) -> None:
    _set_reponses(api, PERSONA)
    html = api.get("/mes-droits/resultats").get_data(as_text=True)
    for lien in ('href="/mes-droits/et-si"', 'href="/mes-droits/et-si/demenagement"',
                 'href="/mes-droits/et-si/enfant"'):
        assert lien in html
    _set_reponses(api, {**PERSONA, "logement": "heberge", "enfants": 0,
                        "enfants_naissances": [], "activite": "inactif", "salaire": 0.0})
    html = api.get("/mes-droits/resultats").get_data(as_text=True)
    assert "/mes-droits/et-si" not in html
    assert api.get("/mes-droits/et-si/demenagement").headers["Location"] == "/mes-droits/resultats"
    assert api.get("/mes-droits/et-si/enfant").headers["Location"] == "/mes-droits/resultats"


def test_the_moving_page_takes_the_rent_from_what_is_left(api: FlaskClient) -> None:
    _set_reponses(api, PERSONA)
    html = api.get("/mes-droits/et-si/demenagement").get_data(as_text=True)
    assert "<h1>Et si je déménageais ?</h1>" in html
    lignes = re.findall(
        r'<tr><th scope="row">([^<]+) €</th><td>([^<]+) €</td><td>([^<]+) €</td>', html)
    assert len(lignes) == 21
    nombre = [[int(re.sub(r"[^\d-]", "", c.replace("\u2212", "-"))) for c in ligne]
              for ligne in lignes]
    # From a rent of 0 € to 1 000 €, what is left after paying it goes down.
    assert nombre[0][2] > nombre[-1][2]
    assert "Votre réponse aujourd'hui : 450 €." in unescape(html).replace("\u202f", " ").replace(
        "\xa0", " ")


def test_the_age_page_counts_in_years(app: Flask, api: FlaskClient) -> None:
    app.config["NOW"] = lambda: datetime(2026, 12, 6, 10, tzinfo=ZoneInfo("Europe/Paris"))
    _set_reponses(api, PERSONA)
    html = unescape(api.get("/mes-droits/et-si/enfant").get_data(as_text=True))
    lignes = re.findall(r'<tr><th scope="row">([^<]+)</th>', html)
    assert lignes[:3] == ["moins d'un an", "1 an", "2 ans"] and len(lignes) == 21
    assert "Votre réponse aujourd'hui : 7 ans." in html  # born 20/09/2019, simulated in 12/2026


def test_an_unknown_question_is_a_404(api: FlaskClient) -> None:
    _set_reponses(api, PERSONA)
    assert api.get("/mes-droits/et-si/loterie").status_code == 404
