"""The agents' pages of the premier accueil, through HTTP: queue, actions, fiche, journal."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import Demande, EntreeJournal
from tests.conftest import LUNDI_10H, csrf_token, login

DEMANDE = {
    "prenom": "Samia", "commune": "27229", "contact": "telephone",
    "telephone": "06 12 34 56 78", "topic": "logement", "message": "Mon loyer",
    "consentement": True,
}


def _api(client: FlaskClient, app: Flask, **changes: object) -> str:
    response = client.post(
        "/api/v1/demandes", json={**DEMANDE, **changes},
        headers={"Authorization": f"Bearer {app.config['SERVICE_TOKEN']}"},
    )
    assert response.status_code == 201, response.get_json()
    return str(response.get_json()["reference"])


def _page(client: FlaskClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(html.unescape(response.get_data(as_text=True)).split())


def _jeton(page: str) -> str:
    match = re.search(r'name="[a-z_]*-?csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, "pas de jeton CSRF"
    return match.group(1)


def _version(page: str, prefix: str = "") -> str:
    nom = f"{prefix}-version" if prefix else "version"
    match = re.search(rf'name="{nom}" type="hidden" value="(\d+)"', page) or re.search(
        rf'id="{nom}" name="{nom}" type="hidden" value="(\d+)"', page)
    assert match, f"pas de version {nom}"
    return match.group(1)


def _act(client: FlaskClient, reference: str, action: str, prefix: str, **data: str) -> object:
    page = _page(client, f"/agent/accueil/{reference}")
    champs = {f"{prefix}-{k}" if prefix else k: v for k, v in data.items()}
    jeton = _jeton(page)
    cle = f"{prefix}-csrf_token" if prefix else "csrf_token"
    cle_version = f"{prefix}-version" if prefix else "version"
    if cle_version not in champs:
        champs[cle_version] = _version(page, prefix)
    return client.post(f"/agent/accueil/{reference}/{action}", data={cle: jeton, **champs})


@pytest.fixture
def agent_client(app: Flask, client: FlaskClient, make_agent: Callable[..., int]) -> FlaskClient:
    make_agent(role="accueil", email="agent@exemple.fr", territoire="evreux")
    login(client)
    return client


def test_queue_urgent_first_then_oldest_with_counts_and_filters(
    app: Flask, agent_client: FlaskClient
) -> None:
    normale = _api(agent_client, app)
    urgente = _api(agent_client, app, urgence="violence", topic="autre")
    ailleurs = _api(agent_client, app, commune="27681")
    page = _page(agent_client, "/agent/accueil")
    assert page.index(urgente) < page.index(normale)
    assert ailleurs not in page  # another territory's demande
    assert "2 nouvelles demandes" in page and "2 demandes en tout" in page
    filtree = _page(agent_client, "/agent/accueil?topic=logement")
    assert normale in filtree and urgente not in filtree
    inconnue = _page(agent_client, "/agent/accueil?topic=martien&source=pigeon&page=-2")
    assert "ne sont pas appliqués : topic, source, page" in inconnue
    assert normale in inconnue


def test_overdue_demandes_are_counted_and_marked(app: Flask, agent_client: FlaskClient) -> None:
    reference = _api(agent_client, app)
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(days=10)
    login(agent_client)
    page = _page(agent_client, "/agent/accueil")
    assert "1 en retard" in page
    assert re.search(rf'data-reference="{reference}" class="[^"]*ligne-retard', page)


def test_refresh_endpoint_does_not_keep_an_idle_agent_signed_in(
    app: Flask, agent_client: FlaskClient
) -> None:
    reference = _api(agent_client, app)
    donnees = agent_client.get("/agent/accueil/lignes").get_json()
    assert reference in donnees["lignes"] and donnees["nouvelles"] == 1
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=10)
    assert agent_client.get("/agent/accueil/lignes").status_code == 200
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=16)
    # Only the refreshes happened in between: the agent counts as idle, the page is locked:
    # the counts only, no row.
    verrouillee = agent_client.get("/agent/accueil/lignes").get_json()
    assert verrouillee["verrouillee"] is True and "lignes" not in verrouillee
    assert reference not in str(verrouillee) and verrouillee["nouvelles"] == 1
    assert agent_client.get("/agent/accueil").status_code == 302


def test_conseiller_numerique_cannot_read_demandes(
    app: Flask, client: FlaskClient, make_agent: Callable[..., int]
) -> None:
    make_agent(role="conseiller_numerique", email="cn@exemple.fr")
    login(client, "cn@exemple.fr")
    reference = _api(client, app)
    assert client.get("/agent/accueil").status_code == 403
    assert client.get(f"/agent/accueil/{reference}").status_code == 403


def test_claim_then_a_colleague_is_told_who_has_it(
    app: Flask, client: FlaskClient, make_agent: Callable[..., int]
) -> None:
    make_agent(email="a@exemple.fr")
    make_agent(email="b@exemple.fr")
    reference = _api(client, app)
    login(client, "a@exemple.fr")
    page_a = _page(client, f"/agent/accueil/{reference}")
    autre = app.test_client()
    login(autre, "b@exemple.fr")
    assert _act(autre, reference, "prendre", "prendre").status_code == 302  # type: ignore[attr-defined]
    reponse = client.post(f"/agent/accueil/{reference}/prendre", data={
        "prendre-csrf_token": csrf_token(client, "/agent/connexion"),
        "prendre-version": _version(page_a, "prendre"),
    })
    assert reponse.status_code == 409
    assert "Quelqu'un a modifié cette demande" in html.unescape(reponse.get_data(as_text=True))


def test_empty_note_keeps_nothing_and_says_why(app: Flask, agent_client: FlaskClient) -> None:
    reference = _api(agent_client, app)
    reponse = _act(agent_client, reference, "note", "note", texte="   ")
    assert reponse.status_code == 400  # type: ignore[attr-defined]
    assert "Écrivez quelque chose avant d'envoyer." in html.unescape(
        reponse.get_data(as_text=True))  # type: ignore[attr-defined]
    long = "x" * 2100
    reponse = _act(agent_client, reference, "note", "note", texte=long)
    assert reponse.status_code == 400  # type: ignore[attr-defined]
    assert long in reponse.get_data(as_text=True)  # what was typed is given back


def test_orient_print_export_close_and_reopen(app: Flask, agent_client: FlaskClient) -> None:
    reference = _api(agent_client, app)
    assert _act(agent_client, reference, "orienter", "orientation", partenaire="inconnu",
                situation="s", besoin="b").status_code == 400  # type: ignore[attr-defined]
    assert _act(agent_client, reference, "orienter", "orientation", partenaire="caf-eure",
                situation="Loyer impayé", besoin="Aide au logement",
                consentement="y").status_code == 302  # type: ignore[attr-defined]
    page = _page(agent_client, f"/agent/accueil/{reference}")
    fiche_url = re.search(rf'href="(/agent/accueil/{reference}/fiche/[A-Za-z0-9_-]{{16}})"', page)
    assert fiche_url and "Orientée" in page
    fiche = _page(agent_client, fiche_url.group(1))
    for attendu in ("Samia", "Loyer impayé", "Aide au logement", "CAF de l'Eure", "3230",
                    "La personne est d'accord"):
        assert attendu in fiche
    export = agent_client.get(fiche_url.group(1) + ".txt")
    assert export.headers["Content-Disposition"].endswith(f'fiche-de-liaison-{reference}.txt"')
    assert "Vers : CAF de l'Eure" in export.get_data(as_text=True)
    assert _act(agent_client, reference, "clore", "clore").status_code == 400  # type: ignore[attr-defined]
    assert _act(agent_client, reference, "clore", "clore",
                issue="oriente").status_code == 302  # type: ignore[attr-defined]
    # A page left open from before the closing: refused, nothing recorded.
    assert _act(agent_client, reference, "appel", "appel", resultat="joint",
                version="3").status_code == 409  # type: ignore[attr-defined]
    assert _act(agent_client, reference, "rouvrir", "rouvrir",
                raison="La personne rappelle").status_code == 302  # type: ignore[attr-defined]
    with app.app_context():
        session = app.extensions["database"].session()
        demande = session.scalar(select(Demande).where(Demande.reference == reference))
        # In the order written (PostgreSQL gives rows in no set order without ORDER BY).
        actions = list(session.scalars(select(EntreeJournal.action)
                                       .where(EntreeJournal.demande_id == demande.id)
                                       .order_by(EntreeJournal.id)))
    assert actions.count("orientation") == 1 and actions[-1] == "reouverture"
    assert {"lecture", "close"} <= set(actions)


def test_journal_page_for_the_admin_only(
    app: Flask, client: FlaskClient, make_agent: Callable[..., int]
) -> None:
    make_agent(role="accueil", email="a@exemple.fr")
    make_agent(role="admin", email="admin@exemple.fr", territoire=None)
    reference = _api(client, app)
    login(client, "a@exemple.fr")
    _page(client, f"/agent/accueil/{reference}")
    assert client.get("/agent/journal").status_code == 403
    admin = app.test_client()
    login(admin, "admin@exemple.fr")
    page = _page(admin, f"/agent/journal?reference={reference.lower()}")
    assert reference in page and "Lecture" in page and "Demande reçue" in page


def test_purge_command(app: Flask, runner: object) -> None:
    resultat = runner.invoke(args=["accueil", "purger", "--mois", "6"])  # type: ignore[attr-defined]
    assert resultat.exit_code == 0, resultat.output
    assert "0 demande(s) vidée(s)" in resultat.output
    resultat = runner.invoke(args=["accueil", "purger", "--mois", "0"])  # type: ignore[attr-defined]
    assert resultat.exit_code == 2


def test_a_phone_call_becomes_a_demande_in_the_same_queue(
    app: Flask, agent_client: FlaskClient
) -> None:
    page = _page(agent_client, "/agent/accueil/nouvelle")
    donnees = {"csrf_token": _jeton(page), "source": "telephone", "prenom": "Marc",
               "commune": "Évreux", "contact": "telephone", "telephone": "06 11 22 33 44",
               "topic": "budget", "message": "Facture d'eau impayée", "consentement": "y"}
    sans_accord = agent_client.post("/agent/accueil/nouvelle",
                                    data={**donnees, "consentement": ""})
    assert sans_accord.status_code == 400
    assert "Facture d'eau impayée" in html.unescape(sans_accord.get_data(as_text=True))
    reponse = agent_client.post("/agent/accueil/nouvelle", data=donnees)
    assert reponse.status_code == 302
    with app.app_context():
        demande = app.extensions["database"].session().scalar(select(Demande))
    assert (demande.source, demande.prenom, demande.topic) == ("telephone", "Marc", "budget")
    assert reponse.headers["Location"].endswith(f"/agent/accueil/{demande.reference}")
    assert demande.reference in _page(agent_client, "/agent/accueil")
