"""The triage asks Rasa's model for a second opinion when the lexicon sees no emergency."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.fakes.rasa import _Server, fake_rasa


@pytest.fixture
def rasa(app: Flask) -> Iterator[_Server]:
    with fake_rasa() as server:
        app.config["RASA_URL"] = f"http://127.0.0.1:{server.server_port}"
        yield server


def _triage(client: FlaskClient, texte: str) -> dict:  # type: ignore[type-arg]
    response = client.post("/api/v1/triage", json={"text": texte})
    assert response.status_code == 200
    return response.get_json()


def test_the_model_catches_what_the_lexicon_misses(client: FlaskClient, rasa: _Server) -> None:
    body = _triage(client, "bonjour A 0.9")
    assert (body["topic"], body["urgence"], body["intent"]) == (
        "urgence", "suicide", "urgence_suicide"
    )
    assert "3114" in [n["numero"] for n in body["numeros"]]
    assert rasa.calls[-1][0] == ("/model/parse?token=" + "rasa-" + "y" * 40)


def test_a_doubtful_model_does_not_raise_an_alarm(client: FlaskClient, rasa: _Server) -> None:
    assert _triage(client, "bonjour A 0.1")["urgence"] is None


def test_an_unknown_urgence_type_is_ignored(client: FlaskClient, rasa: _Server) -> None:
    assert _triage(client, "bonjour B 0.99")["urgence"] is None


def test_an_ordinary_intent_changes_nothing(client: FlaskClient, rasa: _Server) -> None:
    assert _triage(client, "bonjour C 0.99")["urgence"] is None


def test_the_lexicon_answers_first_without_asking_the_model(
    client: FlaskClient, rasa: _Server
) -> None:
    body = _triage(client, "mon mari me frappe")
    assert body["urgence"] == "violence"
    assert rasa.calls == []


def test_without_rasa_the_lexicon_answer_stands(client: FlaskClient) -> None:
    body = _triage(client, "bonjour A 0.9")
    assert body["urgence"] is None
