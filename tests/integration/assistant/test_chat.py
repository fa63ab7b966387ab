"""The chat: safety net first, hand-off to a human, agent replies, Rasa down or slow."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.assistant.second_avis import MODELE_SUR
from portal.config import DEFAULTS
from portal.models import Demande, MessageConversation
from tests.conftest import login
from tests.fakes.rasa import _Server, fake_rasa


@pytest.fixture
def rasa(app: Flask) -> Iterator[_Server]:
    with fake_rasa() as server:
        app.config["RASA_URL"] = f"http://127.0.0.1:{server.server_port}"
        yield server


def _chat(client: FlaskClient, message: str, session: str | None = None, langue: str = "fr"):  # type: ignore[no-untyped-def]
    body = {"message": message, "langue": langue}
    if session:
        body["session"] = session
    return client.post("/api/v1/chat", json=body)


def _au_bot(rasa: _Server) -> list[dict]:  # type: ignore[type-arg]
    """What the bot itself was sent (the model's second opinion, /model/parse, aside)."""
    return [corps for chemin, corps in rasa.calls if chemin.startswith("/webhooks/")]


def test_an_answer_from_the_assistant(client: FlaskClient, rasa: _Server) -> None:
    response = _chat(client, "bonjour")
    assert response.status_code == 200
    body = response.get_json()
    assert body["assistant"] == "ok"
    assert body["messages"][0]["texte"] == "Bonjour. Que voulez-vous faire ?"
    assert body["messages"][0]["boutons"] == [
        {"titre": "Prendre rendez-vous", "valeur": "/prendre_rendez_vous"}
    ]
    assert _au_bot(rasa)[0]["message"] == "bonjour"
    # Rasa never sees the browser's token: the portal gives it its own sender id.
    assert _au_bot(rasa)[0]["sender"] != body["session"]


def test_an_emergency_gets_the_numbers_first_even_with_rasa_down(client: FlaskClient) -> None:
    body = _chat(client, "mon mari me frappe j'ai peur").get_json()
    premier = body["messages"][0]
    assert premier["de"] == "assistant"
    assert premier["texte"] == "Appelez tout de suite :"
    liens = [b["valeur"] for b in premier["boutons"]]
    assert "tel:3919" in liens
    assert body["messages"][1]["boutons"][0]["valeur"] == "/demander_humain"


def test_the_chat_routes_like_the_triage_api(client: FlaskClient, rasa: _Server) -> None:
    """An emergency only the model sees gets the numbers at once, before any question, and
    the message does not go on to the bot; POST /api/v1/triage says the same."""
    texte = "bonjour A 0.9"  # the fake model answers urgence_suicide at 0.9
    body = _chat(client, texte).get_json()
    premier = body["messages"][0]
    assert premier["texte"] == "Appelez tout de suite :"
    assert "tel:3114" in [b["valeur"] for b in premier["boutons"]]
    assert body["messages"][1]["boutons"][0]["valeur"] == "/demander_humain"
    assert _au_bot(rasa) == []
    triage = client.post("/api/v1/triage", json={"text": texte}).get_json()
    assert (triage["urgence"], triage["intent"]) == ("suicide", "urgence_suicide")


def test_an_unsure_alert_gives_the_numbers_then_answers(
    client: FlaskClient, rasa: _Server
) -> None:
    """The model alone, between its bar and sure: the numbers without saying the person is in
    danger, then the bot answers the question (issue 16)."""
    entre = (float(DEFAULTS["RASA_URGENCE_SEUIL_INCONNU"]) + MODELE_SUR) / 2  # type: ignore[arg-type]
    body = _chat(client, f"bonjour A {entre:.2f}").get_json()
    premier = body["messages"][0]
    assert premier["texte"] == "Si quelqu'un est en danger maintenant, appelez :"
    assert "tel:3114" in [b["valeur"] for b in premier["boutons"]]
    assert body["messages"][1]["texte"] == "Bonjour. Que voulez-vous faire ?"
    assert len(_au_bot(rasa)) == 1


def test_a_calm_past_with_rasa_down_is_an_unsure_alert(client: FlaskClient) -> None:
    body = _chat(client, "quand j'avais 12 ans mon oncle me frappait, je voudrais en "
                         "parler").get_json()
    textes = [m["texte"] for m in body["messages"]]
    assert textes[0] == "Si quelqu'un est en danger maintenant, appelez :"
    assert "L'assistant ne répond pas" in textes[1]


# The unsure alert, reviewed for plain words (issue 16): one short sentence, everyday words,
# that gives the numbers without telling the person she is in danger.
INCERTAINE = {
    "fr": ("quand j'avais 12 ans mon oncle me frappait, je voudrais en parler",
           "Si quelqu'un est en danger maintenant, appelez :", "Appelez tout de suite :"),
    "en": ("when i was 12 my uncle used to hit me, i would like to talk about it",
           "If someone is in danger right now, call:", "Call now:"),
    "ar": ("قبل سنوات كان زوجي يضربني، اليوم أريد أن أتكلم مع أحد",
           "إذا كان شخص ما في خطر الآن، اتصلوا بـ:", "اتصلوا فورًا:"),
}


@pytest.mark.parametrize("langue", sorted(INCERTAINE))
def test_an_unsure_alert_is_plain_and_asserts_no_danger(client: FlaskClient,
                                                         langue: str) -> None:
    texte, incertaine, sure = INCERTAINE[langue]
    body = _chat(client, texte, langue=langue).get_json()
    premier = body["messages"][0]
    assert premier["texte"] == incertaine
    assert premier["texte"] != sure
    assert len(premier["texte"].split()) <= 10
    assert premier["boutons"] and all(b["valeur"].startswith(("tel:", "sms:"))
                                      for b in premier["boutons"])


def test_two_topics_are_both_offered_with_a_person(client: FlaskClient) -> None:
    body = _chat(client, "J'ai des impayés de loyer et le bailleur parle d'expulsion. Mon ex "
                         "ne paye plus la pension alimentaire depuis la séparation.").get_json()
    dernier = body["messages"][-1]
    assert "deux sujets" in dernier["texte"]
    assert [b["valeur"] for b in dernier["boutons"]] == [
        "Logement", "Enfants, famille", "/demander_humain"]


def test_a_doubtful_model_lets_the_bot_answer(client: FlaskClient, rasa: _Server) -> None:
    sous = float(DEFAULTS["RASA_URGENCE_SEUIL_INCONNU"]) / 2  # type: ignore[arg-type]
    body = _chat(client, f"bonjour A {sous:.2f}").get_json()  # under the model's bar
    assert body["messages"][0]["texte"] == "Bonjour. Que voulez-vous faire ?"
    assert len(_au_bot(rasa)) == 1


def test_rasa_down_offers_the_form_and_keeps_the_message(
    app: Flask, client: FlaskClient
) -> None:
    body = _chat(client, "j'ai une question sur mon dossier").get_json()
    assert body["assistant"] == "unavailable"
    assert body["relais"] is True
    assert "ne répond pas" in body["messages"][0]["texte"]
    with app.app_context():
        session = app.extensions["database"].session()
        textes = session.scalars(select(MessageConversation.texte)).all()
    assert "j'ai une question sur mon dossier" in textes


def test_rasa_too_slow_is_like_rasa_down(app: Flask, client: FlaskClient, rasa: _Server) -> None:
    app.config["RASA_TIMEOUT_SECONDS"] = 0.5
    body = _chat(client, "lent").get_json()
    assert body["assistant"] == "unavailable"


def test_hand_off_then_agent_reply_then_close(
    app: Flask, client: FlaskClient, rasa: _Server, make_agent  # type: ignore[no-untyped-def]
) -> None:
    body = _chat(client, "humain").get_json()
    assert body["relais"] is True
    jeton = body["session"]
    response = client.post("/api/v1/demandes", json={
        "session": jeton, "prenom": "Léa", "commune_saisie": "évreux", "contact": "chat",
        "consentement": True,
    })
    assert response.status_code == 201, response.get_json()
    reference = response.get_json()["reference"]
    assert "Votre référence" in response.get_json()["message"]
    with app.app_context():
        demande = app.extensions["database"].session().scalar(select(Demande))
        assert (demande.topic, demande.territoire_id) == ("logement", "evreux")

    # After the hand-off the bot is silent: messages go to the agent (the safety net, with
    # the model's opinion, still reads them).
    appels = len(_au_bot(rasa))
    body = _chat(client, "je suis toujours là", session=jeton).get_json()
    assert body["demande"]["reference"] == reference
    assert len(_au_bot(rasa)) == appels

    make_agent(role="accueil", territoire="evreux")
    agent = app.test_client()
    login(agent)
    page = agent.get(f"/agent/accueil/{reference}").get_data(as_text=True)
    assert "je suis toujours là" in page  # the transcript: nobody asks twice
    from tests.conftest import csrf_token

    token = csrf_token(agent, f"/agent/accueil/{reference}")
    agent.post(f"/agent/accueil/{reference}/repondre",
               data={"texte": "Bonjour Léa, je vous appelle.", "csrf_token": token})
    nouveaux = client.post("/api/v1/chat/nouveaux", json={"session": jeton, "apres": 0})
    assert [m["texte"] for m in nouveaux.get_json()["messages"] if m["de"] == "agent"] == [
        "Bonjour Léa, je vous appelle."
    ]

    token = csrf_token(agent, f"/agent/accueil/{reference}")
    close = agent.post(f"/agent/accueil/{reference}/clore",
                       data={"clore-issue": "repondu", "clore-csrf_token": token})
    assert close.status_code == 302
    assert rasa.calls[-1][0].startswith("/conversations/")
    assert rasa.calls[-1][1] == [{"event": "resume"}, {"event": "action", "name": "action_listen"}]
    body = _chat(client, "bonjour", session=jeton).get_json()
    assert body["demande"] is None
    assert body["messages"][0]["texte"] == "Bonjour. Que voulez-vous faire ?"


def test_english_speakers_are_told_french_is_understood_best(
    client: FlaskClient, rasa: _Server
) -> None:
    body = _chat(client, "hello", langue="en").get_json()
    assert body["messages"][0]["texte"].startswith("I understand French best")
    assert body["messages"][0]["boutons"][0]["valeur"] == "/demander_humain"


@pytest.mark.parametrize(
    ("body", "champ"),
    [
        ({}, "message"),
        ({"message": ""}, "message"),
        ({"message": "x" * 2001}, "message"),
        ({"message": "ok", "langue": "de"}, "langue"),
        ({"message": "ok", "session": "court"}, "session"),
        ({"message": 12}, "message"),
        ({"message": "ok", "autre": 1}, "autre"),
    ],
)
def test_bad_chat_input_is_a_400(client: FlaskClient, body: dict, champ: str) -> None:  # type: ignore[type-arg]
    response = client.post("/api/v1/chat", json=body)
    assert response.status_code == 400
    assert champ in response.get_json()["erreurs"]


def test_a_body_that_is_not_json_is_a_400(client: FlaskClient) -> None:
    response = client.post("/api/v1/chat", data="pas du json", content_type="text/plain")
    assert response.status_code == 400


def test_purge_removes_old_conversations_only(app: Flask, client: FlaskClient, runner) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from portal.models import Conversation
    from tests.conftest import LUNDI_10H

    vieille = _chat(client, "une vieille question").get_json()["session"]
    recente = _chat(app.test_client(), "une question récente").get_json()["session"]
    with app.app_context():
        session = app.extensions["database"].session()
        conversation = session.scalar(select(Conversation).where(Conversation.jeton == vieille))
        conversation.updated_at = LUNDI_10H - timedelta(days=31)
        session.scalar(select(Conversation).where(Conversation.jeton == recente)).updated_at = (
            LUNDI_10H - timedelta(days=29)
        )
        session.commit()
    result = runner.invoke(args=["assistant", "purge", "--jours", "30"])
    assert result.exit_code == 0, result.output
    assert "1 conversation(s) effacée(s)" in result.output
    with app.app_context():
        session = app.extensions["database"].session()
        restantes = session.scalars(select(Conversation.jeton)).all()
        messages = session.scalars(select(MessageConversation.texte)).all()
    assert restantes == [recente]
    assert "une vieille question" not in messages
