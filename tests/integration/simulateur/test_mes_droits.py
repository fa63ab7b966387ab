"""/mes-droits with the test client: a simple household walks the pages to its results; bad
input on each step; "Retour" keeps the answers; the warming message; anonymous counts."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import StatistiqueJour
from portal.simulateur.coffre import sceller
from portal.simulateur.moteur.engine import Engine
from portal.simulateur.parcours import build_corps
from tests.conftest import csrf_token

# A person alone, no income, tenant in Évreux: RSA and housing aid expected.
PARCOURS: list[tuple[str, dict[str, str]]] = [
    ("commune", {"reponse": "Évreux"}),
    ("naissance", {"reponse-jour": "2", "reponse-mois": "4", "reponse-annee": "1985"}),
    ("activite", {"reponse": "inactif"}),
    ("handicap", {"reponse": "non"}),
    ("couple", {"reponse": "non"}),
    ("enfants", {"reponse": "0"}),
    ("grossesse", {"reponse": "non"}),
    ("logement", {"reponse": "locataire"}),
    ("loyer", {"reponse": "500"}),
    ("logement_social", {"reponse": "non"}),
    ("epargne", {"reponse": "non"}),
    ("sejour", {"reponse": "francaise_ue"}),
]
REPONSES: dict[str, Any] = {
    "commune": "27229", "naissance": "1985-04-02", "activite": "inactif", "handicap": "non",
    "couple": "non", "enfants": 0, "grossesse": "non", "logement": "locataire", "loyer": 500.0,
    "logement_social": "non", "epargne": "non", "sejour": "francaise_ue",
}


def _texte(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _titre(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match
    return match.group(1).strip()


def _set_reponses(client: FlaskClient, reponses: dict[str, Any]) -> None:
    """As the flow stores them: sealed (see test_coffre.py)."""
    app = client.application
    with app.app_context():
        jeton = sceller(
            reponses, secret=app.config["SECRET_KEY"], instant=app.config["NOW"]().timestamp()
        )
    with client.session_transaction() as session:
        session["simulateur"] = jeton


@pytest.fixture
def warm(app: Flask, engine: Engine) -> Engine:
    app.extensions["simulateur"] = engine  # the session's warm engine
    return engine


def test_a_simple_household_walks_to_its_results(
    app: Flask, client: FlaskClient, warm: Engine
) -> None:
    accueil = client.get("/mes-droits").get_data(as_text=True)
    assert 'href="/mes-droits/commune"' in accueil
    token = csrf_token(client, "/mes-droits/commune")
    for numero, (etape, donnees) in enumerate(PARCOURS, 1):
        page = client.get(f"/mes-droits/{etape}").get_data(as_text=True)
        assert f"étape {numero} sur " in page
        response = client.post(f"/mes-droits/{etape}", data={**donnees, "csrf_token": token})
        assert response.status_code == 302, (etape, _texte(response.get_data(as_text=True)))
        # Nothing personal in a URL: the next page is a step name.
        assert re.fullmatch(r"/mes-droits/[a-z_]+", response.headers["Location"])
    assert response.headers["Location"] == "/mes-droits/resultats"
    # About 2 minutes: one more since the residence question, two more since savings and
    # pregnancy (a person alone) are asked instead of guessed (#18).
    assert len(PARCOURS) <= 12

    page = client.get("/mes-droits/resultats")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    texte = _texte(html)
    assert "Par où commencer" in texte
    assert "C'est une estimation, pas une décision." in texte
    assert "<details" in html and "Probablement pas" in texte

    # The amount is the API's, per month, rounded down to 10 €.
    with app.test_request_context():
        from flask import session

        session["simulateur"] = {**REPONSES, "mois": "2026-11"}
        corps = build_corps(session["simulateur"])
    api = client.post("/api/v1/simulations", json=corps).get_json()
    rsa = next(a for a in api["aides"] if a["id"] == "rsa")
    assert rsa["statut"] == "eligible"
    arrondi = math.floor(rsa["montant_mensuel"] / 10) * 10
    assert f"Environ {arrondi} € par mois" in texte
    assert str(rsa["montant_mensuel"]) not in texte
    # Next steps: the booking with the right motif, and the online service.
    assert 'href="/rendez-vous?motif=rsa_orientation"' in html
    assert rsa["demarche"]["url"] in html
    assert "Documents à préparer" in texte


def test_results_are_counted_once_without_personal_data(
    app: Flask, client: FlaskClient, warm: Engine
) -> None:
    _set_reponses(client, REPONSES)
    assert client.get("/mes-droits/resultats").status_code == 200
    assert client.get("/mes-droits/resultats").status_code == 200  # a reload, or printing
    with app.app_context():
        lignes = app.extensions["database"].session().scalars(select(StatistiqueJour)).all()
        comptes = {(ligne.evenement, ligne.cle): ligne.nombre for ligne in lignes}
        assert comptes[("simulation", "")] == 1
        assert comptes[("simulation_eligible", "rsa")] == 1
        assert {ligne.territoire_id for ligne in lignes} == {"evreux"}
        assert all(ligne.cle in {"", *app.extensions["catalogue"].aides} for ligne in lignes)


def test_booking_falls_back_to_a_demande(app: Flask, client: FlaskClient, warm: Engine) -> None:
    """Without the booking door, "Laisser une demande" is offered instead."""
    app.view_functions.pop("rendez_vous.accueil")
    _set_reponses(client, REPONSES)
    html = client.get("/mes-droits/resultats").get_data(as_text=True)
    assert "/rendez-vous?motif=" not in html
    assert 'href="/demande"' in html


@pytest.mark.parametrize(
    ("etape", "avant", "donnees", "message", "garde"),
    [
        ("commune", {}, {"reponse": ""}, "Écrivez le nom de votre commune", None),
        ("commune", {}, {"reponse": "Paris"}, "Nous ne trouvons pas cette commune", "Paris"),
        ("commune", {}, {"reponse": "x", "code": "75056"}, "Nous ne trouvons pas", None),
        ("naissance", {}, {"reponse-jour": "31", "reponse-mois": "2", "reponse-annee": "1985"},
         "Cette date n'existe pas", 'value="31"'),
        ("naissance", {}, {"reponse-jour": "2", "reponse-mois": "4", "reponse-annee": "2030"},
         "La date de naissance ne peut pas être dans le futur.", 'value="2030"'),
        ("naissance", {}, {"reponse-jour": "2", "reponse-mois": "4", "reponse-annee": "1850"},
         "Vérifiez l'année de naissance.", 'value="1850"'),
        ("activite", {}, {}, "Choisissez une réponse.", None),
        ("activite", {}, {"reponse": "astronaute"}, "Cette valeur n'est pas acceptée", None),
        ("salaire", {"activite": "salarie"}, {"reponse": "beaucoup"}, "Écrivez un nombre.",
         'value="beaucoup"'),
        ("salaire", {"activite": "salarie"}, {"reponse": "-5"}, "La valeur doit être au moins",
         'value="-5"'),
        ("salaire", {"activite": "salarie"}, {"reponse": "1000000"}, "La valeur doit être au plus",
         'value="1000000"'),
        ("salaire", {"activite": "salarie"}, {"reponse": ""}, "Écrivez un montant.", None),
        ("handicap", {}, {}, "Choisissez une réponse.", None),
        ("taux_incapacite", {"handicap": "oui"}, {"reponse": "120"}, "pas un choix valide", None),
        ("enfants", {}, {"reponse": "deux"}, "Écrivez un nombre.", 'value="deux"'),
        ("enfants", {}, {"reponse": "16"}, "Il en faut au plus 15.", 'value="16"'),
        ("enfants_naissances", {"enfants": 1},
         {"naissances-0-jour": "1", "naissances-0-mois": "1", "naissances-0-annee": "2040"},
         "La date de naissance ne peut pas être dans le futur.", 'value="2040"'),
        ("logement", {}, {}, "Choisissez une réponse.", None),
        ("loyer", {"logement": "locataire"}, {"reponse": "20000"}, "La valeur doit être au plus",
         'value="20000"'),
    ],
)
def test_bad_input_is_explained_and_kept(
    client: FlaskClient,
    etape: str,
    avant: dict[str, Any],
    donnees: dict[str, str],
    message: str,
    garde: str | None,
) -> None:
    _set_reponses(client, {"naissance": "1985-04-02", **avant})
    token = csrf_token(client, f"/mes-droits/{etape}")
    response = client.post(f"/mes-droits/{etape}", data={**donnees, "csrf_token": token})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert _titre(html).startswith("Erreur :")
    assert message in _texte(html).replace("&#39;", "'").replace("&#34;", '"')
    assert 'class="erreur" id="' in html  # under the field, linked to it
    if garde:
        assert garde in html


def test_several_communes_for_a_postal_code(client: FlaskClient) -> None:
    token = csrf_token(client, "/mes-droits/commune")
    response = client.post("/mes-droits/commune", data={"reponse": "27400", "csrf_token": token})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    codes = re.findall(r'name="code" type="radio" value="(\d+)"', html)
    assert len(codes) > 1
    response = client.post("/mes-droits/commune",
                           data={"reponse": "27400", "code": codes[0], "csrf_token": token})
    assert response.headers["Location"] == "/mes-droits/naissance"


def test_retour_keeps_the_answers(client: FlaskClient) -> None:
    token = csrf_token(client, "/mes-droits/commune")
    client.post("/mes-droits/commune", data={"reponse": "Évreux", "csrf_token": token})
    client.post("/mes-droits/naissance", data={
        "reponse-jour": "2", "reponse-mois": "4", "reponse-annee": "1985", "csrf_token": token})
    activite = client.get("/mes-droits/activite").get_data(as_text=True)
    assert '<a href="/mes-droits/naissance">Retour</a>' in activite
    naissance = client.get("/mes-droits/naissance").get_data(as_text=True)
    for valeur in ('value="2"', 'value="4"', 'value="1985"'):
        assert valeur in naissance
    assert '<a href="/mes-droits/commune">Retour</a>' in naissance
    assert 'value="Évreux"' in client.get("/mes-droits/commune").get_data(as_text=True)


def test_a_question_that_does_not_apply_is_skipped(client: FlaskClient) -> None:
    _set_reponses(client, {**REPONSES, "logement": "proprietaire"})
    assert client.get("/mes-droits/loyer").headers["Location"] == "/mes-droits/resultats"
    _set_reponses(client, {"commune": "27229"})
    assert client.get("/mes-droits/autonomie").headers["Location"] == "/mes-droits/naissance"
    assert client.get("/mes-droits/inconnue").status_code == 404


def test_results_need_every_answer(client: FlaskClient) -> None:
    _set_reponses(client, {k: v for k, v in REPONSES.items() if k != "loyer"})
    assert client.get("/mes-droits/resultats").headers["Location"] == "/mes-droits/loyer"


class _Demarrage:
    status = "warming"


def test_while_warming_an_honest_message(app: Flask, client: FlaskClient) -> None:
    app.extensions["simulateur"] = _Demarrage()
    _set_reponses(client, REPONSES)
    response = client.get("/mes-droits/resultats")
    assert response.status_code == 503
    texte = _texte(response.get_data(as_text=True))
    assert "Réessayez dans une minute" in texte
    assert "Vos réponses sont gardées" in texte


def test_effacer_forgets_everything(client: FlaskClient) -> None:
    _set_reponses(client, REPONSES)
    token = csrf_token(client, "/mes-droits")
    response = client.post("/mes-droits/effacer", data={"csrf_token": token})
    assert response.headers["Location"] == "/mes-droits"
    with client.session_transaction() as session:
        assert "simulateur" not in session
    assert 'value="Évreux"' not in client.get("/mes-droits/commune").get_data(as_text=True)


def test_home_door_opens(client: FlaskClient) -> None:
    assert 'href="/mes-droits"' in client.get("/").get_data(as_text=True)


def test_a_doubtful_amount_is_shown_back_before_it_is_used(client: FlaskClient) -> None:
    """"1.200" is 1 200 € for most people in France, 1,20 € for a computer: asked back."""
    _set_reponses(client, {"commune": "27229", "naissance": "1985-04-02", "activite": "salarie"})
    token = csrf_token(client, "/mes-droits/salaire")
    response = client.post("/mes-droits/salaire", data={"reponse": "1.200", "csrf_token": token})
    assert response.status_code == 200  # not saved yet
    texte = _texte(response.get_data(as_text=True)).replace("\u202f", " ")
    assert "Vous avez écrit « 1.200 »" in texte and "1 200 € par mois ?" in texte
    # Confirmed: 1 200 € is kept.
    response = client.post(
        "/mes-droits/salaire", data={"reponse": "1.200", "confirme": "1.200", "csrf_token": token}
    )
    assert response.status_code == 302
    page = client.get("/mes-droits/salaire").get_data(as_text=True)
    assert 'value="1200"' in page
    # Corrected instead: the new text is read again, and a plain one needs no confirmation.
    response = client.post(
        "/mes-droits/salaire", data={"reponse": "1 250 €", "confirme": "1.200", "csrf_token": token}
    )
    assert response.status_code == 302
