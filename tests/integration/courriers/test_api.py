"""GET /api/v1/courriers/<code>: the explanation as JSON; 404 with suggestions; 4xx, never 500."""

from __future__ import annotations

from datetime import date

import pytest
from flask.testing import FlaskClient

from tests.integration.courriers.conftest import Signe


def test_the_explanation_as_json(client: FlaskClient, catalogue) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/courriers/rsa-ctrl")
    assert response.status_code == 200
    data = response.get_json()
    courrier = catalogue.courriers["RSA-CTRL"]
    assert data["code"] == "RSA-CTRL"
    assert data["url"] == "http://localhost/c/RSA-CTRL"
    assert data["langue"] == "fr"
    assert data["theme"] == "rsa"
    assert data["relu_par_usagers"] is False
    assert data["titre"] == courrier.titre.fr
    assert data["etapes"] == [e.fr for e in courrier.etapes]
    assert data["version"] == {"numero": 2, "depuis": "2025-01-01", "reference": "DIE-CTRL-2025"}
    assert data["echeance"] is None and data["lieu"] is None and data["recours"] is None
    assert [a["type"] for a in data["qui_aide"]] == ["rendez_vous", "question", "lieu"]
    assert data["qui_aide"][0]["motif"] == "premier_rendez_vous_ts"
    assert all(a["url"].startswith("http://localhost/") for a in data["qui_aide"])


def test_the_language_follows_accept_language(client: FlaskClient, catalogue) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/v1/courriers/PCH-DEC", headers={"Accept-Language": "ar"}).get_json()
    assert data["langue"] == "ar"
    assert data["titre"] == catalogue.courriers["PCH-DEC"].titre.ar
    assert data["recours"]["delai_mois"] == 2


def test_signed_details_are_returned(client: FlaskClient, signe: Signe) -> None:
    query = signe("RSA-CTRL", echeance=date(2026, 12, 15), lieu="msd-evreux")
    data = client.get(f"/api/v1/courriers/RSA-CTRL?{query}").get_json()
    assert data["echeance"] == {
        "date": "2026-12-15",
        "texte": "Renvoyez le questionnaire avant le 15 décembre 2026.",
        "passee": False,
    }
    assert data["lieu"]["id"] == "msd-evreux"
    assert data["url"] == f"http://localhost/c/RSA-CTRL?{query}"


def test_unknown_code_is_404_with_suggestions(client: FlaskClient) -> None:
    response = client.get("/api/v1/courriers/APA-PLNA")
    assert response.status_code == 404
    data = response.get_json()
    assert data["erreurs"] == {"code": "Nous ne trouvons pas ce code de courrier."}
    assert data["suggestions"][0] == {
        "code": "APA-PLAN",
        "titre": "APA à domicile : proposition de plan d'aide",
        "url": "http://localhost/c/APA-PLAN",
    }


@pytest.mark.parametrize("code", ["%3Cscript%3E", "RSA.CTRL", "A" * 41, "%C3%A9t%C3%A9"])
def test_malformed_code_is_400(client: FlaskClient, code: str) -> None:
    response = client.get(f"/api/v1/courriers/{code}")
    assert response.status_code == 400
    assert list(response.get_json()["erreurs"]) == ["code"]


@pytest.mark.parametrize(
    ("falsifie", "champ"),
    [
        (lambda q: q.replace("2026-12-15", "2027-01-31"), "s"),
        (lambda q: q.split("&s=")[0], "s"),
        (lambda q: q.replace("e=2026-12-15", "e=demain"), "e"),
        (lambda q: q.replace("l=msd-evreux", "l=MSD%20Evreux"), "l"),
        (lambda q: q + "x", "s"),
    ],
)
def test_malformed_or_tampered_signature_is_400(
    client: FlaskClient, signe: Signe, falsifie, champ: str  # type: ignore[no-untyped-def]
) -> None:
    query = falsifie(signe("RSA-CTRL", echeance=date(2026, 12, 15), lieu="msd-evreux"))
    response = client.get(f"/api/v1/courriers/RSA-CTRL?{query}")
    assert response.status_code == 400
    assert list(response.get_json()["erreurs"]) == [champ]


def test_errors_are_in_the_request_language(client: FlaskClient) -> None:
    response = client.get("/api/v1/courriers/RSA-CTRL?e=2026-12-15")
    assert response.get_json()["erreurs"]["s"].startswith("La signature manque")


def test_the_openapi_document_describes_it(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert "/courriers/{code}" in document["paths"]
    assert set(document["paths"]["/courriers/{code}"]["get"]["responses"]) == {"200", "400", "404"}
    assert "ExplicationCourrier" in document["components"]["schemas"]
