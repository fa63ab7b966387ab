""""Cette explication vous a aidé ?": stored before "merci", without personal data."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token
from tests.integration.courriers.conftest import Signe, avis_stockes, nombre_avis


def _poster(client: FlaskClient, data: dict[str, str], url: str = "/c/RSA-CTRL"):  # type: ignore[no-untyped-def]
    token = csrf_token(client, url)
    chemin, _, query = url.partition("?")
    action = f"{chemin}/avis" + (f"?{query}" if query else "")
    return client.post(action, data={**data, "csrf_token": token})


def test_yes_is_stored_then_thanks(app: Flask, client: FlaskClient) -> None:
    response = _poster(client, {"utile": "oui"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/c/RSA-CTRL/merci#contenu"
    [avis] = avis_stockes(app)
    assert (avis.code, avis.utile, avis.commentaire, avis.langue) == ("RSA-CTRL", True, None, "fr")
    assert avis.jour == date(2026, 11, 23)  # the day only, no time
    merci = client.get("/c/RSA-CTRL/merci").get_data(as_text=True)
    assert "Merci pour votre avis" in merci


def test_no_with_a_comment_is_stored_without_personal_data(app: Flask, client: FlaskClient) -> None:
    commentaire = (
        "Je ne comprends pas « indu ». Écrivez-moi : jean.dupont@exemple.fr "
        "ou 06 12 34 56 78, dossier 1234567."
    )
    response = _poster(
        client, {"utile": "non", "commentaire": commentaire}, url="/c/RSA-INDU"
    )
    assert response.status_code == 303
    [avis] = avis_stockes(app)
    assert avis.utile is False
    assert avis.commentaire == (
        "Je ne comprends pas « indu ». Écrivez-moi : [courriel retiré] "
        "ou [numéro retiré], dossier [numéro retiré]."
    )


def test_the_language_of_the_page_is_kept(app: Flask, client: FlaskClient) -> None:
    client.get("/langue/ar?suivant=/c/APA-PLAN")
    _poster(client, {"utile": "oui"}, url="/c/APA-PLAN")
    assert avis_stockes(app)[0].langue == "ar"


def test_no_answer_chosen_keeps_the_comment_and_the_signed_details(
    app: Flask, client: FlaskClient, signe: Signe
) -> None:
    url = f"/c/RSA-CTRL?{signe('RSA-CTRL', echeance=date(2026, 12, 15))}"
    response = _poster(client, {"commentaire": "Trop long à lire"}, url=url)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choisissez Oui ou Non." in html
    assert "Trop long à lire</textarea>" in html
    assert "avant le 15 décembre 2026" in html
    assert "<title>Erreur :" in html
    assert nombre_avis(app) == 0


def test_too_long_a_comment_is_refused(app: Flask, client: FlaskClient) -> None:
    response = _poster(client, {"utile": "non", "commentaire": "a" * 501})
    assert response.status_code == 400
    assert "Ce texte est trop long : 500 caractères au plus." in response.get_data(as_text=True)
    assert nombre_avis(app) == 0


def test_without_csrf_token_nothing_is_stored(app: Flask, client: FlaskClient) -> None:
    response = client.post("/c/RSA-CTRL/avis", data={"utile": "oui"})
    assert response.status_code == 400
    assert nombre_avis(app) == 0


def test_unknown_code_is_404(app: Flask, client: FlaskClient) -> None:
    token = csrf_token(client, "/c/RSA-CTRL")
    response = client.post("/c/NOPE-XX/avis", data={"utile": "oui", "csrf_token": token})
    assert response.status_code == 404
    assert nombre_avis(app) == 0


def test_answers_are_rate_limited(app: Flask, client: FlaskClient) -> None:
    token = csrf_token(client, "/c/RSA-CTRL")
    statuts = [
        client.post("/c/RSA-CTRL/avis", data={"utile": "oui", "csrf_token": token}).status_code
        for _ in range(12)
    ]
    assert statuts[:10] == [303] * 10
    assert statuts[10:] == [429, 429]
    assert nombre_avis(app) == 10
