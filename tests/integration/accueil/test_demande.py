"""'Laisser une demande' (form, no JavaScript) and POST /api/v1/demandes: one validation."""

from __future__ import annotations

import html

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import Demande
from tests.conftest import csrf_token

BON = {
    "prenom": "Léa",
    "commune": "Vernon",
    "contact": "telephone",
    "telephone": "06 12 34 56 78",
    "email": "",
    "topic": "logement",
    "message": "Je risque de perdre mon logement.",
    "consentement": "y",
}


def _post(client: FlaskClient, **changes: str) -> tuple[int, str]:
    data = {**BON, **changes, "csrf_token": csrf_token(client, "/demande")}
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post("/demande", data=data)
    return response.status_code, html.unescape(response.get_data(as_text=True))


def test_a_demande_is_stored_before_merci_is_shown(app: Flask, client: FlaskClient) -> None:
    response = client.post("/demande", data={**BON, "csrf_token": csrf_token(client, "/demande")})
    assert response.status_code == 302
    with app.app_context():
        demande = app.extensions["database"].session().scalar(select(Demande))
    assert demande.telephone == "+33612345678"
    assert demande.territoire_id == app.extensions["catalogue"].territoire_of("27681").id
    assert demande.source == "formulaire"
    assert demande.echeance_at is not None
    merci = html.unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert demande.reference in merci
    assert "Une personne de l'accueil vous répond au plus tard" in merci
    assert demande.reference not in response.headers["Location"]  # nothing personal in URLs


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"prenom": ""}, "Ce champ est obligatoire."),
        ({"commune": "Xqzwk"}, "Nous ne trouvons pas cette commune"),
        ({"commune": "Paris"}, "Commune introuvable. Vouliez-vous dire"),
        ({"commune": "27400"}, "Plusieurs communes correspondent"),
        ({"commune": "vernnon"}, "Vouliez-vous dire : Vernon"),
        ({"telephone": ""}, "Donnez un numéro de téléphone pour être rappelé."),
        ({"telephone": "12"}, "Ce numéro de téléphone n'est pas valide."),
        ({"contact": "email", "email": "pas-un-email"}, "Cette adresse e-mail n'est pas valide."),
        ({"contact": "email"}, "Donnez une adresse e-mail pour recevoir la réponse."),
        ({"consentement": None}, "Cochez la case pour accepter"),
        ({"topic": "inconnu"}, "Choisissez un sujet dans la liste."),
        ({"contact": "pigeon"}, "Cette valeur n'est pas acceptée."),
        ({"message": "x" * 2001}, "2000"),
    ],
)
def test_bad_input_gets_a_message_and_keeps_what_was_typed(
    app: Flask, client: FlaskClient, changes: dict[str, str], message: str
) -> None:
    status, page = _post(client, **changes)
    assert status == 400
    assert message in page
    assert 'value="Léa"' in page or changes.get("prenom") == ""
    with app.app_context():
        assert app.extensions["database"].session().scalar(select(Demande)) is None


def test_messages_in_english(client: FlaskClient) -> None:
    token = csrf_token(client, "/demande")
    response = client.post(
        "/demande", data={**BON, "consentement": "", "csrf_token": token},
        headers={"Accept-Language": "en"},
    )
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert '<html lang="en"' in page
    assert "Tick the box" in page


def test_api_needs_the_service_token_or_a_chat(client: FlaskClient) -> None:
    body = {**BON, "commune": "27681", "consentement": True}
    response = client.post("/api/v1/demandes", json=body)
    assert response.status_code == 401
    response = client.post(
        "/api/v1/demandes", json=body, headers={"Authorization": "Bearer mauvais-jeton"}
    )
    assert response.status_code == 401


def test_api_with_the_service_token(app: Flask, client: FlaskClient) -> None:
    body = {**BON, "commune": "27681", "consentement": True, "urgence": "sans_abri"}
    response = client.post(
        "/api/v1/demandes", json=body,
        headers={"Authorization": f"Bearer {app.config['SERVICE_TOKEN']}"},
    )
    assert response.status_code == 201
    assert response.get_json()["statut"] == "nouvelle"
    with app.app_context():
        demande = app.extensions["database"].session().scalar(select(Demande))
    assert (demande.urgence, demande.topic) == ("sans_abri", "urgence")


@pytest.mark.parametrize(
    ("changes", "champ"),
    [
        ({"consentement": False}, "consentement"),
        ({"telephone": "abc"}, "telephone"),
        ({"commune": "75056"}, "commune"),
        ({"commune": "Évreux"}, "commune"),  # the API takes an INSEE code in `commune`
        ({"urgence": "tempete"}, "urgence"),
        ({"prenom": 5}, "prenom"),
        ({"inconnu": 1}, "inconnu"),
    ],
)
def test_api_bad_input_is_a_400_per_field(
    app: Flask, client: FlaskClient, changes: dict[str, object], champ: str
) -> None:
    body = {**BON, "commune": "27681", "consentement": True, **changes}
    response = client.post(
        "/api/v1/demandes", json=body,
        headers={"Authorization": f"Bearer {app.config['SERVICE_TOKEN']}"},
    )
    assert response.status_code == 400
    assert champ in response.get_json()["erreurs"]


def test_agents_only_see_their_territory(app: Flask, client: FlaskClient, make_agent) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import login

    client.post("/demande", data={**BON, "csrf_token": csrf_token(client, "/demande")})
    with app.app_context():
        reference = app.extensions["database"].session().scalar(select(Demande.reference))
    vernon = app.extensions["catalogue"].territoire_of("27681").id
    make_agent(email="ailleurs@exemple.fr", territoire="evreux")
    make_agent(email="ici@exemple.fr", territoire=vernon)
    ailleurs = app.test_client()
    login(ailleurs, "ailleurs@exemple.fr")
    assert reference not in ailleurs.get("/agent/accueil").get_data(as_text=True)
    assert ailleurs.get(f"/agent/accueil/{reference}").status_code == 404
    ici = app.test_client()
    login(ici, "ici@exemple.fr")
    assert reference in ici.get("/agent/accueil").get_data(as_text=True)
    assert ici.get(f"/agent/accueil/{reference}").status_code == 200
