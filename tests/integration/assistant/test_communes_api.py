"""GET /api/v1/communes: what the assistant's action server asks before /api/v1/lieux."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


@pytest.mark.parametrize(
    ("nom", "code"),
    [
        ("Évreux", "27229"),
        ("evreux", "27229"),
        ("EVREUX", "27229"),
        ("  évreux ", "27229"),
        ("saint andre de l eure", "27507"),
        ("St-André-de-l'Eure", "27507"),
        ("les-andelys", "27016"),
        ("27000", "27229"),
    ],
)
def test_a_typed_name_gives_its_insee_code(client: FlaskClient, nom: str, code: str) -> None:
    response = client.get("/api/v1/communes", query_string={"nom": nom})
    assert response.status_code == 200
    body = response.get_json()
    assert body["statut"] == "trouvee"
    assert [c["code"] for c in body["communes"]] == [code]


def test_then_lieux_answers_with_that_code(client: FlaskClient) -> None:
    commune = client.get("/api/v1/communes", query_string={"nom": "evreux"}).get_json()
    code = commune["communes"][0]["code"]
    lieux = client.get("/api/v1/lieux", query_string={"commune": code})
    assert lieux.status_code == 200
    assert lieux.get_json()["commune"]["nom"] == "Évreux"


def test_an_unknown_name_is_said_with_suggestions(client: FlaskClient) -> None:
    body = client.get("/api/v1/communes", query_string={"nom": "evreu"}).get_json()
    assert body["statut"] in {"inconnue", "trouvee"}
    assert "27229" in [c["code"] for c in body["communes"]]
    body = client.get("/api/v1/communes", query_string={"nom": "Marseille"}).get_json()
    assert body["statut"] == "inconnue"


@pytest.mark.parametrize("query", [{}, {"nom": "   "}, {"nom": "x" * 101}, {"nom": "a", "z": "1"}])
def test_a_bad_query_is_a_400_in_the_api_format(
    client: FlaskClient, query: dict[str, str]
) -> None:
    response = client.get("/api/v1/communes", query_string=query)
    assert response.status_code == 400
    assert set(response.get_json()) == {"erreurs"}
