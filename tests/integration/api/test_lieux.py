from __future__ import annotations

import pytest
from flask.testing import FlaskClient


def test_places_for_a_commune_territory_first_then_nearest(client: FlaskClient) -> None:
    response = client.get("/api/v1/lieux?commune=27681")
    assert response.status_code == 200
    body = response.get_json()
    assert body["commune"] == {"code": "27681", "nom": "Vernon"}
    lieux = body["lieux"]
    secteur = [
        lieu for lieu in lieux if lieu["dans_le_secteur"] and lieu["type"] != "france_services"
    ]
    assert secteur and lieux[: len(secteur)] == secteur
    assert all(lieu["telephone"].startswith("+33") for lieu in lieux)
    assert all(isinstance(lieu["ouvert_maintenant"], bool) for lieu in lieux)


@pytest.mark.parametrize(
    ("query", "champ", "message"),
    [
        ("", "commune", "Ce champ est obligatoire."),
        ("?commune=", "commune", "Donnez le code INSEE de la commune"),
        ("?commune=abc", "commune", "Donnez le code INSEE de la commune"),
        ("?commune=75056", "commune", "Cette commune n'est pas dans le département."),
        ("?commune=27229&motif=inconnu", "motif", "Ce motif de rendez-vous n'existe pas."),
        ("?commune=27229&foo=1", "foo", "Ce champ n'est pas prévu."),
        ("?commune=" + "9" * 50, "commune", "trop long"),
    ],
)
def test_bad_parameters_get_a_400_with_a_message_per_field(
    client: FlaskClient, query: str, champ: str, message: str
) -> None:
    response = client.get(f"/api/v1/lieux{query}")
    assert response.status_code == 400
    erreurs = response.get_json()["erreurs"]
    assert message in erreurs[champ]


def test_error_messages_follow_the_request_language(client: FlaskClient) -> None:
    response = client.get("/api/v1/lieux?commune=75056", headers={"Accept-Language": "en"})
    assert response.get_json()["erreurs"]["commune"] == "This town is not in the département."


def test_unknown_api_route_is_json(client: FlaskClient) -> None:
    response = client.get("/api/v1/nulle-part")
    assert response.status_code == 404
    assert "erreurs" in response.get_json()


def test_openapi_document_lists_the_routes(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    for path in ["/health", "/lieux", "/openapi.json"]:
        assert path in document["paths"]
