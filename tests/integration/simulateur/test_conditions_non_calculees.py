"""Conditions of the law the engine is not given (issue #18, item 2): the residence permit and
an invalidity pension. They are asked; an answer that the law treats apart turns the aid into
"à vérifier" with its one sentence, in the person's language. Content: `a_verifier_si`."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.simulateur.moteur import Engine
from tests.integration.simulateur.test_mes_droits import _set_reponses
from tests.integration.simulateur.test_resultats import CORPS, PERSONA

# Alone, no income, two children, renting: RSA, family allowance and housing aid all apply.
SANS_REVENU: dict[str, Any] = {
    **CORPS,
    "adultes": [{**CORPS["adultes"][0], "activite": "inactif", "salaire_net_mensuel": 0}],
}


@pytest.fixture
def api(app: Flask, client: FlaskClient, engine: Engine) -> FlaskClient:
    app.extensions["simulateur"] = engine
    return client


def _aides(api: FlaskClient, corps: dict[str, Any], langue: str = "fr") -> dict[str, Any]:
    response = api.post("/api/v1/simulations", json=corps, headers={"Accept-Language": langue})
    assert response.status_code == 200, response.get_json()
    return {a["id"]: a for a in response.get_json()["aides"]}


def _avec(corps: dict[str, Any], **adulte: Any) -> dict[str, Any]:
    return {**corps, "adultes": [{**corps["adultes"][0], **adulte}]}


def test_not_said_is_the_european_case(api: FlaskClient) -> None:
    """The API's default is what the engine computes; the HTML flow always asks."""
    assert _aides(api, SANS_REVENU) == _aides(api, _avec(SANS_REVENU, sejour="francaise_ue"))
    assert _aides(api, SANS_REVENU)["rsa"]["statut"] == "eligible"


@pytest.mark.parametrize(
    ("sejour", "a_verifier", "inchangees"),
    [
        ("titre_5_ans_plus", [], ["rsa", "af", "aide_logement"]),
        ("titre_moins_5_ans", ["rsa"], ["af", "aide_logement"]),
        ("sans_titre", ["rsa", "af", "aide_logement"], []),
        ("ne_dit_pas", ["rsa", "af", "aide_logement"], []),
    ],
)
def test_the_residence_permit(
    api: FlaskClient, sejour: str, a_verifier: list[str], inchangees: list[str]
) -> None:
    europeen = _aides(api, SANS_REVENU)
    aides = _aides(api, _avec(SANS_REVENU, sejour=sejour))
    for aide_id in a_verifier:
        assert europeen[aide_id]["statut"] == "eligible"
        assert aides[aide_id]["statut"] == "a_verifier", aide_id
        assert "titre de séjour" in aides[aide_id]["explication"]
        assert aides[aide_id]["montant_mensuel"] == europeen[aide_id]["montant_mensuel"]
    for aide_id in inchangees:
        assert aides[aide_id] == europeen[aide_id]


def test_the_reason_is_in_the_persons_language(api: FlaskClient) -> None:
    aides = _aides(api, _avec(SANS_REVENU, sejour="titre_moins_5_ans"), langue="ar")
    assert "بطاقة إقامة" in aides["rsa"]["explication"]


def test_an_invalidity_pension_makes_the_asi_to_check(api: FlaskClient) -> None:
    corps = _avec(SANS_REVENU, taux_incapacite=50)
    assert _aides(api, corps)["asi"]["statut"] == "non_eligible"
    asi = _aides(api, _avec(corps, pension_invalidite=True))["asi"]
    assert asi["statut"] == "a_verifier"
    assert "pension d'invalidité" in asi["explication"]


def test_the_question_is_asked_and_a_refusal_to_answer_is_accepted(
    api: FlaskClient,
) -> None:
    _set_reponses(api, {k: v for k, v in PERSONA.items() if k != "sejour"})
    assert api.get("/mes-droits/resultats").headers["Location"] == "/mes-droits/sejour"
    page = unescape(api.get("/mes-droits/sejour").get_data(as_text=True))
    assert "Je préfère ne pas répondre" in page
    raison = "Cette aide demande de vivre en France avec un titre de séjour"
    assert raison not in unescape(api.get("/mes-droits/resultats").get_data(as_text=True))
    _set_reponses(api, {**PERSONA, "sejour": "ne_dit_pas"})
    assert raison in unescape(api.get("/mes-droits/resultats").get_data(as_text=True))


# ----- savings, pregnancy, a recent separation, shared custody (answers of the household) -----

EPARGNE_RAISON = "Votre épargne compte dans le calcul de cette aide"


def test_savings_make_the_means_tested_aids_to_check(api: FlaskClient) -> None:
    sans = _aides(api, SANS_REVENU)
    avec = _aides(api, {**SANS_REVENU, "epargne": True})
    assert sans["rsa"]["statut"] == "eligible"
    assert avec["rsa"]["statut"] == "a_verifier"
    assert EPARGNE_RAISON in avec["rsa"]["explication"]
    assert avec["rsa"]["montant_mensuel"] == sans["rsa"]["montant_mensuel"]
    assert avec["aide_logement"]["statut"] == "a_verifier"
    assert "épargne importante" in avec["aide_logement"]["explication"]
    assert avec["asf"] == sans["asf"]  # not means-tested: untouched


def test_a_pregnancy_opens_the_rsa_to_check_under_25(api: FlaskClient) -> None:
    """Under 25, alone, no child: the RSA is closed, except (among others) for a pregnancy."""
    jeune = {
        **SANS_REVENU, "enfants": [],
        "adultes": [{**SANS_REVENU["adultes"][0], "date_naissance": "2004-01-01"}],
    }
    assert _aides(api, jeune)["rsa"]["statut"] == "non_eligible"
    rsa = _aides(api, _avec(jeune, enceinte=True), langue="en")["rsa"]
    assert rsa["statut"] == "a_verifier"
    assert "pregnancy" in rsa["explication"]


def test_a_recent_separation_and_shared_custody(api: FlaskClient) -> None:
    sans = _aides(api, SANS_REVENU)
    separe = _aides(api, {**SANS_REVENU, "separation_recente": True})
    assert separe["rsa"]["statut"] == "a_verifier"
    assert "18 mois" in separe["rsa"]["explication"]
    assert separe["af"] == sans["af"]
    alternee = _aides(api, {**SANS_REVENU, "garde_alternee": True}, langue="ar")
    assert sans["af"]["statut"] == "eligible"
    assert alternee["af"]["statut"] == "a_verifier"
    assert "حضانة" not in alternee["af"]["explication"]  # the sentence says it in plain words
    assert "والدهم الآخر" in alternee["af"]["explication"]
    assert alternee["rsa"]["statut"] == "eligible"


def test_the_single_parent_is_asked_and_the_couple_is_not(api: FlaskClient) -> None:
    reponses = {k: v for k, v in PERSONA.items() if k not in ("garde_alternee", "separation")}
    _set_reponses(api, reponses)
    assert api.get("/mes-droits/resultats").headers["Location"] == "/mes-droits/garde_alternee"
    _set_reponses(api, {**PERSONA, "garde_alternee": "oui"})
    page = unescape(api.get("/mes-droits/resultats").get_data(as_text=True))
    assert "les allocations familiales sont alors partagées" in page
    _set_reponses(api, {**PERSONA, "enfants_naissances": ["2016-03-04", "2025-09-20"],
                        "separation": "oui"})
    page = unescape(api.get("/mes-droits/resultats").get_data(as_text=True))
    assert "18 mois" not in page  # a child under 3: not asked, OpenFisca counts the raise
