"""A visit on a shared device: no page is kept by the browser, and "Effacer ce que j'ai fait
ici" ends the whole visit (simulator answers, chat, rendez-vous check), also without JS."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token
from tests.integration.rendez_vous.conftest import book
from tests.integration.rendez_vous.conftest import plages as plages  # the fixture

AVEC_DONNEES = [
    "/mes-droits/commune",
    "/assistant",
    "/demande",
    "/rendez-vous/coordonnees?code=27229&motif=premier_rendez_vous_ts&lieu=msd-evreux"
    "&debut=2026-11-24T09:00:00%2B01:00",
    "/c/APA-DEC",
    "/agent/connexion",
    "/nulle-part",
]


@pytest.mark.usefixtures("plages")
def test_every_page_is_no_store_but_the_static_files(app: Flask) -> None:
    client = app.test_client()
    sans_arguments = [
        regle.rule for regle in app.url_map.iter_rules()
        if "GET" in (regle.methods or set()) and not regle.arguments
    ]
    gestion = book(client).get_json()["gestion_url"].removeprefix("http://localhost")
    pages = sans_arguments + AVEC_DONNEES + [gestion, gestion.replace("/r/", "/rendez-vous/gerer/")]
    assert len(pages) > 30
    for chemin in pages:
        assert client.get(chemin).headers.get("Cache-Control") == "no-store", chemin
    statique = client.get("/static/css/portail.css")
    statique.close()
    assert statique.headers.get("Cache-Control") != "no-store"


def _visite(client: FlaskClient, gestion: str) -> str:
    """A person answers the simulator, chats, and opens her rendez-vous; returns its page."""
    token = csrf_token(client, "/mes-droits/commune")
    client.post("/mes-droits/commune", data={"reponse": "Évreux", "csrf_token": token})
    token = csrf_token(client, "/assistant")
    client.post("/assistant", data={"message": "Mon message d'avant", "csrf_token": token})
    chemin = client.get(gestion).headers["Location"]
    token = csrf_token(client, chemin)
    client.post(chemin, data={"csrf_token": token, "lettres": "mar"})
    return chemin


@pytest.mark.usefixtures("plages")
def test_erase_ends_the_whole_visit(app: Flask) -> None:
    client = app.test_client()
    gestion = book(client).get_json()["gestion_url"].removeprefix("http://localhost")
    client.get("/langue/ar?suivant=/")
    chemin = _visite(client, gestion)
    with client.session_transaction() as session:
        chat = session["chat"]
        assert {"simulateur", "rdv_verifies"} <= set(session)
    assert 'name="lettres"' not in client.get(chemin).get_data(as_text=True)  # checked
    assert "Mon message d&#39;avant" in client.get("/assistant").get_data(as_text=True)

    reponse = client.post("/effacer")  # no token: it works even after the session expired
    assert reponse.status_code == 302 and reponse.headers["Location"] == "/"
    accueil = client.get("/").get_data(as_text=True)
    assert "تم المسح" in accueil  # the confirmation, in her language
    assert "<body data-fin-de-visite>" in accueil  # js/visite.js clears the sessionStorage
    assert "data-fin-de-visite" not in client.get("/").get_data(as_text=True)  # once only
    with client.session_transaction() as session:
        assert set(session) <= {"langue", "_flashes", "csrf_token"}
    assert 'name="lettres"' in client.get(chemin).get_data(as_text=True)  # asks again
    assert 'value="Évreux"' not in client.get("/mes-droits/commune").get_data(as_text=True)
    token = csrf_token(client, "/assistant")
    client.post("/assistant", data={"message": "Bonjour", "csrf_token": token})
    with client.session_transaction() as session:
        assert session["chat"] != chat  # a new conversation, a new sender id for Rasa
    assert "Mon message d&#39;avant" not in client.get("/assistant").get_data(as_text=True)


def test_the_button_is_on_public_pages_only(client: FlaskClient) -> None:
    bouton = re.compile(r'<form class="fin-de-visite" method="post" action="/effacer">')
    for chemin in ["/", "/urgence", "/mes-droits", "/rendez-vous", "/courrier", "/lieux"]:
        assert bouton.search(client.get(chemin).get_data(as_text=True)), chemin
    assert not bouton.search(client.get("/agent/connexion").get_data(as_text=True))
