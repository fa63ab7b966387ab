"""Urgent requests first: a first name (or a pseudonym) and a phone are enough, every error sits
beside its own field, and outside opening hours the receipt says when the accueil opens and
gives the emergency number that fits first."""

from __future__ import annotations

import html
import re
from datetime import datetime

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import Demande
from tests.conftest import LUNDI_10H, csrf_token, login

# Sunday 22 November 2026, 21:00: every accueil is closed until Monday morning.
DIMANCHE_21H = datetime(2026, 11, 22, 21, 0, tzinfo=LUNDI_10H.tzinfo)


def _envoyer(client: FlaskClient, **champs: str):  # type: ignore[no-untyped-def]
    return client.post("/demande", data={**champs, "csrf_token": csrf_token(client, "/demande")})


def test_urgent_with_a_first_name_and_a_phone_on_sunday_night(
    app: Flask, client: FlaskClient
) -> None:
    app.config["NOW"] = lambda: DIMANCHE_21H
    reponse = _envoyer(client, urgence="sans_abri", prenom="Jo", telephone="06 12 34 56 78")
    assert reponse.status_code == 302, reponse.get_data(as_text=True)
    with app.app_context():
        demande = app.extensions["database"].session().scalar(select(Demande))
    assert (demande.urgence, demande.commune_code, demande.territoire_id) == (
        "sans_abri", None, None)
    assert demande.telephone == "+33612345678"

    page = html.unescape(client.get(reponse.headers["Location"]).get_data(as_text=True))
    texte = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert 'href="tel:115"' in page
    assert texte.index("115") < texte.index("Votre demande est enregistrée")
    assert "L'accueil est fermé en ce moment. Il ouvre lundi 23 novembre à 08:30." in texte
    assert "Vous pouvez aussi appeler" not in texte  # not an office that is closed
    assert "Vos informations servent seulement à vous rappeler." in texte  # no box ticked


def test_not_urgent_still_asks_the_commune_beside_its_field(client: FlaskClient) -> None:
    reponse = _envoyer(client, prenom="Jo", telephone="06 12 34 56 78", consentement="y")
    assert reponse.status_code == 400
    page = html.unescape(reponse.get_data(as_text=True))
    champs = re.findall(r'<div class="champ[^"]*">(.*?)</div>', page, flags=re.S)
    commune = next(c for c in champs if 'for="commune"' in c)
    prenom = next(c for c in champs if 'for="prenom"' in c)
    assert "Écrivez le nom de votre commune." in commune
    assert 'class="erreur"' not in prenom


def test_urgent_without_commune_reaches_every_accueil(
    app: Flask, client: FlaskClient, make_agent  # type: ignore[no-untyped-def]
) -> None:
    app.config["NOW"] = lambda: DIMANCHE_21H
    assert _envoyer(client, urgence="violence", prenom="Sam",
                    telephone="06 12 34 56 78").status_code == 302
    with app.app_context():
        reference = app.extensions["database"].session().scalar(select(Demande.reference))
    app.config["NOW"] = lambda: LUNDI_10H
    make_agent(role="accueil", territoire="sud_eure")
    agent = app.test_client()
    login(agent)
    assert reference in agent.get("/agent/accueil").get_data(as_text=True)
    assert agent.get(f"/agent/accueil/{reference}").status_code == 200


def test_the_chat_of_an_urgence_needs_no_commune_and_says_115_first(
    app: Flask, client: FlaskClient
) -> None:
    """The widget's "être recontacté": the triage saw "nowhere to sleep" in the chat."""
    from portal.assistant.conversations import new_jeton
    from portal.models import Conversation

    app.config["NOW"] = lambda: DIMANCHE_21H
    with app.app_context():
        session = app.extensions["database"].session()
        jeton = new_jeton()
        session.add(Conversation(jeton=jeton, rasa_sender=new_jeton(), urgence="sans_abri"))
        session.commit()
    reponse = client.post("/api/v1/demandes", json={
        "session": jeton, "prenom": "Jo", "telephone": "06 12 34 56 78", "commune_saisie": "",
    })
    assert reponse.status_code == 201, reponse.get_json()
    message = reponse.get_json()["message"]
    assert message.startswith("Si vous ne pouvez pas attendre : Samu social, 115.")
    assert "L'accueil est fermé en ce moment. Il ouvre lundi 23 novembre à 08:30." in message
    assert "Vous pouvez aussi appeler" not in message


def test_an_agent_takes_an_urgent_call_with_a_first_name_and_a_phone(
    app: Flask, client: FlaskClient, make_agent  # type: ignore[no-untyped-def]
) -> None:
    make_agent(role="accueil", territoire="evreux")
    login(client)
    url = "/agent/accueil/nouvelle"
    reponse = client.post(url, data={
        "csrf_token": csrf_token(client, url), "source": "telephone", "urgence": "enfant_danger",
        "prenom": "Lou", "telephone": "06 12 34 56 78",
    })
    assert reponse.status_code == 302, reponse.get_data(as_text=True)
    with app.app_context():
        demande = app.extensions["database"].session().scalar(select(Demande))
    assert (demande.urgence, demande.source, demande.commune_code) == (
        "enfant_danger", "telephone", None)
