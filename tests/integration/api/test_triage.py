"""POST /api/v1/triage: the contract of DESIGN.md, and a clear 400 for any bad input."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient


def _triage(client: FlaskClient, body: Any, **headers: str) -> Any:
    return client.post("/api/v1/triage", json=body, headers=headers)


def test_an_urgence_comes_with_its_numbers_in_file_order(client: FlaskClient) -> None:
    response = _triage(client, {"text": "il me frappe qd il boit"})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"topic", "urgence", "intent", "confidence", "numeros"}
    assert (body["topic"], body["urgence"], body["intent"]) == (
        "urgence", "violence", "urgence_violence"
    )
    assert 0 < body["confidence"] <= 1
    assert body["numeros"] == [
        {"numero": "17", "libelle": "Police ou gendarmerie"},
        {"numero": "114", "libelle": "Urgence par SMS"},
        {"numero": "3919", "libelle": "Violences Femmes Info"},
    ]


def test_a_question_gets_its_topic_and_no_number(client: FlaskClient) -> None:
    body = _triage(client, {"text": "je dois annuler mon rdv de demain"}).get_json()
    assert body["topic"] == "rendez_vous"
    assert body["urgence"] is None
    assert body["intent"] == "annuler_rendez_vous"
    assert body["numeros"] == []


@pytest.mark.parametrize(
    ("langue", "libelle"),
    [("en", "Emergency shelter (Samu social)"), ("ar", "الإيواء الطارئ (Samu social)")],
)
def test_labels_follow_the_request_language(
    client: FlaskClient, langue: str, libelle: str
) -> None:
    body = _triage(client, {"text": "jdors dans ma voiture"}, **{"Accept-Language": langue})
    assert body.get_json()["numeros"] == [{"numero": "115", "libelle": libelle}]


def test_the_longest_text_allowed_is_accepted(client: FlaskClient) -> None:
    assert _triage(client, {"text": "a" * 2000}).status_code == 200


@pytest.mark.parametrize(
    ("body", "champ", "message"),
    [
        ({}, "text", "Ce champ est obligatoire."),
        ({"text": ""}, "text", "Ce champ est obligatoire."),
        ({"text": "   \n "}, "text", "Ce champ est obligatoire."),
        ({"text": "a" * 2001}, "text", "Ce texte est trop long : 2000 caractères au plus."),
        ({"text": 42}, "text", "Écrivez un texte."),
        ({"text": None}, "text", "Écrivez un texte."),
        ({"text": ["au secours"]}, "text", "Écrivez un texte."),
        ({"text": {"fr": "au secours"}}, "text", "Écrivez un texte."),
        ({"text": "bonjour", "langue": "fr"}, "langue", "Ce champ n'est pas prévu."),
        (["au secours"], "_", "Le corps de la demande doit être un objet JSON."),
        ("au secours", "_", "Le corps de la demande doit être un objet JSON."),
        (None, "_", "Le corps de la demande doit être un objet JSON."),
    ],
)
def test_bad_input_gets_a_400_with_a_message_per_field(
    client: FlaskClient, body: Any, champ: str, message: str
) -> None:
    response = _triage(client, body)
    assert response.status_code == 400
    assert response.get_json() == {"erreurs": {champ: message}}


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("{pas du json", "application/json"),
        ('{"text": "au secours"}', "text/plain"),
        ("", "application/json"),
        (b"\xff\xfe\x00", "application/json"),
    ],
)
def test_a_body_that_is_not_json_gets_a_400(
    client: FlaskClient, data: str | bytes, content_type: str
) -> None:
    response = client.post("/api/v1/triage", data=data, content_type=content_type)
    assert response.status_code == 400
    assert "_" in response.get_json()["erreurs"]


@pytest.mark.parametrize(("langue", "message"), [("en", "Write some text."), ("ar", "اكتب نصًا.")])
def test_errors_follow_the_request_language(
    client: FlaskClient, langue: str, message: str
) -> None:
    response = _triage(client, {"text": 42}, **{"Accept-Language": langue})
    assert response.status_code == 400
    assert response.get_json() == {"erreurs": {"text": message}}


def test_only_post_is_allowed(client: FlaskClient) -> None:
    response = client.get("/api/v1/triage")
    assert response.status_code == 405
    assert "erreurs" in response.get_json()


def test_openapi_document_describes_the_route(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/triage"]["post"]
    reponse = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert reponse["required"] == ["topic", "urgence", "intent", "confidence", "numeros"]
    assert "urgence" in reponse["properties"]["topic"]["enum"]
