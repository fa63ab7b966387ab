"""Answers that lead somewhere (issue 15): an answer naming a door carries its link; the RSA
payment question and a letter without a code are answered from content/reponses/, also when
Rasa is down; the page without JavaScript shows the links and never a payload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal.assistant.reponses import charger
from tests.conftest import CONTENT_DIR, csrf_token
from tests.fakes.rasa import _Server, fake_rasa


@pytest.fixture
def rasa(app: Flask) -> Iterator[_Server]:
    with fake_rasa() as server:
        app.config["RASA_URL"] = f"http://127.0.0.1:{server.server_port}"
        yield server


def _reponse(client: FlaskClient, message: str) -> dict:  # type: ignore[type-arg]
    corps = client.post("/api/v1/chat", json={"message": message}).get_json()
    assert corps["messages"], corps
    return corps["messages"][-1]  # type: ignore[no-any-return]


def test_an_answer_naming_doors_carries_their_links(client: FlaskClient, rasa: _Server) -> None:
    message = _reponse(client, "c'est quoi le rsa")
    assert message["boutons"] == [
        {"titre": "Prendre rendez-vous", "valeur": "lien:/rendez-vous"},
        {"titre": "Mes droits", "valeur": "lien:/mes-droits"},
        {"titre": "Parler à une personne", "valeur": "/demander_humain"},
    ]  # the button that only asked the bot again is replaced by the link


def test_the_rendez_vous_answer_has_its_button(client: FlaskClient, rasa: _Server) -> None:
    titres = [b["titre"] for b in _reponse(client, "je veux un rendez-vous")["boutons"]]
    assert titres[0] == "Prendre rendez-vous" and "Trouver un lieu d'accueil" in titres


def test_rsa_not_paid_gets_the_calendar_even_with_rasa_down(client: FlaskClient) -> None:
    message = _reponse(client, "mon rsa est pas tombé ce mois-ci c'est normal ??")
    assert "vers le 5 du mois" in message["texte"]
    assert "déclaration trimestrielle" in message["texte"] and "3230" in message["texte"]
    assert "L'assistant ne répond pas" not in message["texte"]
    assert {"titre": "Prendre rendez-vous", "valeur": "lien:/rendez-vous"} in message["boutons"]
    assert message["boutons"][-1]["valeur"] == "/demander_humain"


def test_a_letter_without_a_code_gets_the_list_or_a_human(client: FlaskClient) -> None:
    message = _reponse(client, "ya pas de code")
    assert "liste des courriers" in message["texte"]
    assert [b["valeur"] for b in message["boutons"]] == ["lien:/courrier", "/demander_humain"]


def test_in_english_the_content_answers_in_english(client: FlaskClient) -> None:
    corps = client.post("/api/v1/chat", json={"message": "rsa pas arrivé", "langue": "en"})
    textes = [m["texte"] for m in corps.get_json()["messages"]]
    assert any("around the 5th" in t for t in textes), textes


def test_the_page_without_javascript_shows_links_not_payloads(client: FlaskClient) -> None:
    jeton = csrf_token(client, "/assistant")
    client.post("/assistant", data={"message": "ya pas de code", "csrf_token": jeton})
    page = client.get("/assistant").get_data(as_text=True)
    assert '<a class="bouton" href="/courrier">Comprendre un courrier</a>' in page
    assert "lien:" not in page
    client.post("/assistant", data={"message": "/demander_humain", "csrf_token": jeton})
    transcription = client.get("/assistant").get_data(as_text=True).split('class="conversation"')[1]
    assert "/demander_humain</p>" not in transcription and "Parler à une personne" in transcription


def test_every_direct_answer_is_dated_and_valid() -> None:
    reponses = charger(Path(CONTENT_DIR) / "reponses")
    assert {r.id for r in reponses} >= {"versement_rsa", "courrier_sans_code"}
    assert all(r.verifie_le.year >= 2026 for r in reponses)
    assert next(r for r in reponses if r.id == "versement_rsa").a_verifier
