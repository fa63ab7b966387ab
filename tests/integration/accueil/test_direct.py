"""What the agents' pages fetch by themselves (issue 15): a demande's new messages after a
cursor, the queue's unread marker, the lock after 15 minutes idle (counts only), unlocking
with the password, and the session's absolute lifetime of a working day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import Action, EntreeJournal, MessageConversation
from tests import factories
from tests.conftest import LUNDI_10H, MOT_DE_PASSE, csrf_token, login


def _demande_avec_chat(app: Flask, **champs: object) -> tuple[str, str]:
    with app.app_context():
        session = app.extensions["database"].session()
        demande = factories.demande(session, app.extensions["catalogue"], now=LUNDI_10H,
                                    avec_chat=True, **champs)
        session.commit()
        return demande.reference, demande.conversation.jeton


def _agent(client: FlaskClient, make_agent: Callable[..., int]) -> FlaskClient:
    make_agent(role="accueil", email="agent@exemple.fr", territoire="evreux")
    login(client)
    return client


def _a(app: Flask, minutes: int) -> None:
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=minutes)


def _ligne(client: FlaskClient, reference: str) -> str:
    lignes = client.get("/agent/accueil/lignes").get_json()["lignes"]
    debut = lignes.index(f'data-reference="{reference}"')
    return lignes[debut: lignes.index("</tr>", debut)]


def test_unread_marker_and_new_messages_after_a_cursor(
    app: Flask, client: FlaskClient, make_agent: Callable[..., int]
) -> None:
    reference, jeton = _demande_avec_chat(app)
    agent = _agent(client, make_agent)
    assert "ligne-non-lue" in _ligne(agent, reference)  # the person wrote, nobody read it
    assert agent.get(f"/agent/accueil/{reference}").status_code == 200
    assert "ligne-non-lue" not in _ligne(agent, reference)

    with app.app_context():
        premier = app.extensions["database"].session().scalar(
            select(MessageConversation.id).order_by(MessageConversation.id.desc()))
    reponse = app.test_client().post("/api/v1/chat", json={"session": jeton,
                                                          "message": "vous êtes là ?"})
    assert reponse.get_json()["envoye"]["texte"] == "vous êtes là ?"
    assert "Nouveau message" in _ligne(agent, reference)

    nouveaux = agent.get(f"/agent/accueil/{reference}/messages?apres={premier}").get_json()
    assert [m["de"] for m in nouveaux["messages"]] == ["usager"]
    assert "vous êtes là ?" in nouveaux["messages"][0]["html"]
    assert nouveaux["annonce"] == "Nouveau message de la personne."
    assert "ligne-non-lue" not in _ligne(agent, reference)
    dernier = nouveaux["messages"][0]["id"]
    rien = agent.get(f"/agent/accueil/{reference}/messages?apres={dernier}").get_json()
    assert rien["messages"] == [] and rien["annonce"] == ""
    with app.app_context():
        lectures = app.extensions["database"].session().scalars(
            select(EntreeJournal.detail).where(EntreeJournal.action == Action.lecture)).all()
    assert {"quoi": "messages"} in lectures  # reading the new words is journaled


def test_idle_page_locks_then_the_password_unlocks_it(
    app: Flask, client: FlaskClient, make_agent: Callable[..., int]
) -> None:
    reference, _ = _demande_avec_chat(app)
    agent = _agent(client, make_agent)
    jeton = csrf_token(agent, "/agent/accueil")
    _a(app, 16)
    verrouillee = agent.get(f"/agent/accueil/{reference}/messages?apres=0").get_json()
    assert verrouillee == {"verrouillee": True}
    compte = agent.get("/agent/accueil/lignes").get_json()
    assert compte["verrouillee"] and "lignes" not in compte and reference not in str(compte)
    _demande_avec_chat(app, topic="logement", urgence="sans_abri")  # arrives while locked
    assert agent.get("/agent/accueil/lignes").get_json()["urgentes"] == 1
    assert agent.get("/agent/accueil").status_code == 302  # a page: sign in again

    mauvais = agent.post("/agent/deverrouiller", data={"csrf_token": jeton,
                                                       "mot_de_passe": "pas le bon"})
    assert mauvais.status_code == 401 and mauvais.get_json()["erreur"] == "Mot de passe incorrect."
    assert agent.get("/agent/accueil/lignes").get_json()["verrouillee"] is True
    bon = agent.post("/agent/deverrouiller", data={"csrf_token": jeton,
                                                   "mot_de_passe": MOT_DE_PASSE})
    assert bon.status_code == 200 and bon.get_json() == {"ok": True}
    assert reference in agent.get("/agent/accueil/lignes").get_json()["lignes"]


def test_activity_on_the_page_keeps_it_open(
    app: Flask, client: FlaskClient, make_agent: Callable[..., int]
) -> None:
    agent = _agent(client, make_agent)
    _a(app, 10)
    assert agent.get("/agent/accueil/lignes?actif=1").get_json()["verrouillee"] is False
    _a(app, 20)
    assert agent.get("/agent/accueil/lignes").get_json()["verrouillee"] is False
    _a(app, 36)  # 16 minutes after the last keystroke
    assert agent.get("/agent/accueil/lignes").get_json()["verrouillee"] is True


def test_a_session_lasts_a_working_day_at_most(
    app: Flask, client: FlaskClient, make_agent: Callable[..., int]
) -> None:
    agent = _agent(client, make_agent)
    for minutes in range(10, 10 * 60 + 1, 10):  # busy all day
        _a(app, minutes)
        assert agent.get("/agent/accueil").status_code == 200, minutes
    _a(app, 10 * 60 + 1)
    assert agent.get("/agent/accueil/lignes").status_code == 401
    assert agent.get("/agent/accueil").status_code == 302


def test_a_pressed_button_is_shown_by_its_title(app: Flask, client: FlaskClient) -> None:
    reponse = client.post("/api/v1/chat", json={"message": "/demander_humain"}).get_json()
    assert reponse["envoye"]["texte"] == "Parler à une personne"
    jeton = reponse["session"]
    tous = client.post("/api/v1/chat/nouveaux", json={"session": jeton, "tous": True}).get_json()
    assert "/demander_humain" not in str(tous["messages"])
