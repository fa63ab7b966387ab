"""Kiosk mode: an agent turns a device into a kiosk of a lieu, an admin lists and revokes it; at
a kiosk every page has "J'ai terminé", no external link and no autofill; a forged or revoked
cookie is ignored."""

from __future__ import annotations

import re

from flask import Flask
from itsdangerous import URLSafeSerializer
from sqlalchemy import select

from portal.borne.filtre import rewrite_html
from portal.models import Borne
from tests.conftest import csrf_token, login
from tests.fakes.rasa import fake_rasa
from tests.integration.borne.conftest import MSD, make_kiosk

TERMINE = re.compile(r'<form [^>]*id="borne-termine" method="post" action="/effacer">'
                     r'\s*<button type="submit" class="bouton">J(&#39;|\x27)ai terminé</button>')


def _borne(app: Flask) -> Borne:
    with app.app_context():
        borne = app.extensions["database"].session().scalar(select(Borne))
        assert borne is not None
        return borne


def test_an_agent_turns_the_device_into_a_kiosk_and_his_session_ends(
    app: Flask, make_agent
) -> None:  # type: ignore[no-untyped-def]
    kiosque = make_kiosk(app, make_agent)
    with kiosque.session_transaction() as session:
        assert "agent_id" not in session
    assert kiosque.get("/agent/").headers["Location"].startswith("/agent/connexion")
    accueil = kiosque.get("/").get_data(as_text=True)
    assert TERMINE.search(accueil)
    assert '<body class="borne" data-borne-inactivite="90" data-borne-avertissement="30">' \
        in accueil
    assert 'role="alertdialog"' in accueil and "js/borne.js" in accueil
    assert "Cet appareil est maintenant une borne" in accueil
    borne = _borne(app)
    assert (borne.lieu_id, borne.nom, borne.active) == (MSD, "Borne de l'entrée", True)
    # Every page, the agent's sign-in included.
    for chemin in ["/urgence", "/mes-droits", "/rendez-vous", "/lieux", "/agent/connexion"]:
        assert TERMINE.search(kiosque.get(chemin).get_data(as_text=True)), chemin
    assert not TERMINE.search(app.test_client().get("/").get_data(as_text=True))


def test_an_agent_chooses_only_the_lieux_of_his_territory(app: Flask, make_agent) -> None:  # type: ignore[no-untyped-def]
    make_agent(email="agent@exemple.fr", territoire="evreux")
    client = app.test_client()
    login(client)
    page = client.get("/agent/borne").get_data(as_text=True)
    assert 'value="msd-evreux"' in page and 'value="msd-vernon"' not in page
    token = csrf_token(client, "/agent/borne")
    reponse = client.post("/agent/borne", data={"lieu": "msd-vernon", "nom": "B",
                                                "csrf_token": token})
    assert reponse.status_code == 400
    assert 'id="lieu-erreur"' in reponse.get_data(as_text=True)  # said beside the field
    assert "borne" not in reponse.headers.get("Set-Cookie", "")
    reponse = client.post("/agent/borne", data={"lieu": MSD, "nom": "B"})  # no CSRF token
    assert reponse.status_code == 400


def test_a_forged_or_revoked_cookie_is_ignored(app: Flask, make_agent) -> None:  # type: ignore[no-untyped-def]
    kiosque = make_kiosk(app, make_agent)
    uid = _borne(app).uid
    faux = app.test_client()
    signeur = URLSafeSerializer("une autre clé", salt="bonne-porte.borne")
    faux.set_cookie("borne", signeur.dumps(uid))
    assert not TERMINE.search(faux.get("/").get_data(as_text=True))
    faux.set_cookie("borne", "n'importe quoi")
    assert not TERMINE.search(faux.get("/").get_data(as_text=True))

    make_agent(role="admin", email="admin@exemple.fr", territoire=None)
    admin = app.test_client()
    login(admin, "admin@exemple.fr")
    liste = admin.get("/agent/bornes").get_data(as_text=True)
    assert "Borne de l&#39;entrée" in liste and "Maison des solidarités" in liste
    token = csrf_token(admin, "/agent/bornes")
    reference = _borne(app).reference
    assert reference in liste  # opaque, never the sequential id
    reponse = admin.post(f"/agent/bornes/{reference}/revoquer", data={"csrf_token": token})
    assert reponse.status_code == 302
    assert not TERMINE.search(kiosque.get("/").get_data(as_text=True))  # normal mode again
    assert "Retirée" in admin.get("/agent/bornes").get_data(as_text=True)
    assert admin.post("/agent/bornes/1/revoquer", data={"csrf_token": token}).status_code == 404


def test_at_a_kiosk_no_field_is_autofilled_and_no_link_leaves(
    app: Flask, make_agent
) -> None:  # type: ignore[no-untyped-def]
    kiosque = make_kiosk(app, make_agent)
    page = kiosque.get("/demande").get_data(as_text=True)
    formulaires = re.findall(r"<form\b[^>]*>", page)
    assert formulaires and all('autocomplete="off"' in f for f in formulaires)
    assert set(re.findall(r'autocomplete="([^"]*)"', page)) == {"off"}
    assert 'autocomplete="tel"' in app.test_client().get("/demande").get_data(as_text=True)

    html = ('<p><a href="https://www.service-public.fr/particuliers?x=1&amp;y=2" '
            'target="_blank" rel="noopener">Le site</a> <a href="http://localhost/urgence">U</a>'
            ' <a href="/lieux">L</a></p><form method="post"><input autocomplete="tel"></form>')
    with app.test_request_context("/"):
        reecrite = rewrite_html(html, "/borne/lien")
    assert ('<a href="/borne/lien?adresse=https%3A%2F%2Fwww.service-public.fr%2Fparticuliers'
            '%3Fx%3D1%26y%3D2">Le site</a>') in reecrite.replace("&amp;", "&")
    assert '<a href="http://localhost/urgence">U</a>' in reecrite  # the portal itself
    assert '<a href="/lieux">L</a>' in reecrite
    assert '<form autocomplete="off" method="post"><input autocomplete="off">' in reecrite

    # A letter's explanation links to the CAF's site: at a kiosk, to its address and QR code.
    externe = re.compile(r'href="https?://(?!localhost)')
    assert 'href="https://www.caf.fr/"' in app.test_client().get("/c/RSA-DROIT").get_data(
        as_text=True)
    courrier = kiosque.get("/c/RSA-DROIT").get_data(as_text=True)
    assert not externe.search(courrier)
    assert 'href="/borne/lien?adresse=https%3A%2F%2Fwww.caf.fr%2F"' in courrier

    lien = kiosque.get("/borne/lien?adresse=https%3A%2F%2Fwww.service-public.fr%2Fx")
    page = lien.get_data(as_text=True)
    assert lien.status_code == 200
    assert "https://www.service-public.fr/x" in page and 'src="data:image/svg+xml;base64,' in page
    for mauvaise in ["javascript:alert(1)", "", "https://", "x" * 3000]:
        reponse = kiosque.get("/borne/lien", query_string={"adresse": mauvaise})
        assert reponse.status_code == 400, mauvaise
        assert "est pas valide." in reponse.get_data(as_text=True)


def test_j_ai_termine_ends_the_visit_and_restarts_the_conversation_in_rasa(
    app: Flask, make_agent
) -> None:  # type: ignore[no-untyped-def]
    kiosque = make_kiosk(app, make_agent)
    with fake_rasa() as serveur:
        app.config["RASA_URL"] = f"http://127.0.0.1:{serveur.server_port}"
        token = csrf_token(kiosque, "/assistant")
        kiosque.post("/assistant", data={"message": "Bonjour", "csrf_token": token})
        expediteurs = {corps["sender"] for chemin, corps in serveur.calls
                       if chemin.startswith("/webhooks/rest/")}
        assert len(expediteurs) == 1
        reponse = kiosque.post("/effacer")
        restarts = [corps for chemin, corps in serveur.calls
                    if chemin.startswith("/webhooks/rest/") and corps["message"] == "/restart"]
    assert reponse.status_code == 302 and reponse.headers["Location"] == "/"
    assert [r["sender"] for r in restarts] == list(expediteurs)
    accueil = kiosque.get("/").get_data(as_text=True)
    assert "la borne est prête pour la personne suivante" in accueil
    assert "data-fin-de-visite" in accueil
    with kiosque.session_transaction() as session:
        assert "chat" not in session
    assert TERMINE.search(kiosque.get("/").get_data(as_text=True))  # still a kiosk


def test_erasing_works_when_rasa_is_down(app: Flask, make_agent) -> None:  # type: ignore[no-untyped-def]
    kiosque = make_kiosk(app, make_agent)
    app.config["RASA_URL"] = "http://127.0.0.1:9"  # nothing listens there
    token = csrf_token(kiosque, "/assistant")
    kiosque.post("/assistant", data={"message": "Bonjour", "csrf_token": token})
    assert kiosque.post("/effacer").status_code == 302
    with kiosque.session_transaction() as session:
        assert "chat" not in session

