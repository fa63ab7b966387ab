"""Agent sign-in: argon2, lockout, re-authentication after 15 minutes idle, roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Blueprint, Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.agents import acces
from portal.models import Agent
from tests.conftest import LUNDI_10H, csrf_token, login


def test_passwords_are_stored_as_argon2id(app: Flask, make_agent) -> None:  # type: ignore[no-untyped-def]
    agent_id = make_agent()
    with app.app_context():
        agent = app.extensions["database"].session().get(Agent, agent_id)
        assert agent.mot_de_passe_hash.startswith("$argon2id$")
        assert "solide" not in agent.mot_de_passe_hash


def test_sign_in_then_agent_home(client: FlaskClient, make_agent) -> None:  # type: ignore[no-untyped-def]
    make_agent()
    response = login(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/agent/"
    assert "Bonjour Dominique" in client.get("/agent/").get_data(as_text=True)


def test_agent_pages_need_sign_in(client: FlaskClient) -> None:
    response = client.get("/agent/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/agent/connexion?suivant=/agent/")


@pytest.mark.parametrize(
    ("email", "mot_de_passe"),
    [("agent@exemple.fr", "pas le bon"), ("inconnu@exemple.fr", "un mot de passe solide")],
)
def test_wrong_credentials_get_one_message(
    client: FlaskClient, make_agent, email: str, mot_de_passe: str  # type: ignore[no-untyped-def]
) -> None:
    make_agent()
    response = login(client, email, mot_de_passe)
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Adresse e-mail ou mot de passe incorrect." in page
    assert f'value="{email}"' in page  # what was typed is kept (never the password)
    assert mot_de_passe not in page


def test_five_failures_lock_the_account_for_15_minutes(
    app: Flask, client: FlaskClient, make_agent  # type: ignore[no-untyped-def]
) -> None:
    make_agent()
    for _ in range(5):
        login(client, mot_de_passe="pas le bon")
    response = login(client)  # the right password, but locked
    assert response.status_code == 401
    assert "Le compte est bloqué jusqu" in response.get_data(as_text=True)
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=16)
    assert login(client).status_code == 302


def test_idle_for_15_minutes_asks_to_sign_in_again(
    app: Flask, client: FlaskClient, make_agent  # type: ignore[no-untyped-def]
) -> None:
    make_agent()
    login(client)
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=14)
    assert client.get("/agent/").status_code == 200  # activity renews the 15 minutes
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=28)
    assert client.get("/agent/").status_code == 200
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=44)
    response = client.get("/agent/")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Reconnectez-vous" in page


def test_sign_in_form_needs_its_csrf_token(client: FlaskClient, make_agent) -> None:  # type: ignore[no-untyped-def]
    make_agent()
    response = client.post(
        "/agent/connexion", data={"email": "agent@exemple.fr", "mot_de_passe": "x" * 20}
    )
    assert response.status_code == 400
    assert "Le formulaire a expiré" in response.get_data(as_text=True)


def test_sign_out(client: FlaskClient, make_agent) -> None:  # type: ignore[no-untyped-def]
    make_agent()
    login(client)
    token = csrf_token(client, "/agent/")
    client.post("/agent/deconnexion", data={"csrf_token": token})
    assert client.get("/agent/").status_code == 302


def test_a_page_no_rule_covers_is_closed_to_all(  # type: ignore[no-untyped-def]
    app: Flask, make_agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    bp = Blueprint("essai_roles", __name__)

    @bp.get("/agent/essai-admin")
    def essai() -> str:
        return "réservé"

    app.register_blueprint(bp)
    make_agent(role="accueil", email="accueil@exemple.fr")
    make_agent(role="admin", email="admin@exemple.fr", territoire=None)
    admin = app.test_client()
    login(admin, "ADMIN@exemple.fr ")
    assert admin.get("/agent/essai-admin").status_code == 403  # no rule yet: closed

    monkeypatch.setattr(acces, "REGLES", (*acces.REGLES, acces.Regle("/agent/essai-admin",
                                                                     acces.ADMIN)))
    client = app.test_client()
    assert client.get("/agent/essai-admin").status_code == 302
    login(client, "accueil@exemple.fr")
    assert client.get("/agent/essai-admin").status_code == 403
    assert admin.get("/agent/essai-admin").get_data(as_text=True) == "réservé"


def test_cli_creates_the_first_admin(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        args=["agents", "create-admin", "--email", "Chef@exemple.fr", "--prenom", "A",
              "--nom", "B"],
        input="un mot de passe solide\nun mot de passe solide\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        agent = app.extensions["database"].session().scalar(select(Agent))
        assert (agent.email, agent.role) == ("chef@exemple.fr", "admin")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "chef"], "Invalid value for '--role'"),
        (["--role", "accueil", "--territoire", "atlantide"], "Territoire inconnu"),
        (["--role", "accueil", "--lieu", "nulle-part"], "Lieu inconnu"),
    ],
)
def test_cli_refuses_bad_agent_data(runner, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    runner.invoke(args=["content", "sync"])
    result = runner.invoke(
        args=["agents", "create", "--email", "x@exemple.fr", "--prenom", "A", "--nom", "B",
              *args],
        input="un mot de passe solide\nun mot de passe solide\n",
    )
    assert result.exit_code != 0
    assert message in result.output


def test_short_password_is_refused(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        args=["agents", "create-admin", "--email", "x@exemple.fr", "--prenom", "A", "--nom", "B"],
        input="court\ncourt\n",
    )
    assert result.exit_code == 1
    assert "au moins 12 caractères" in result.output


def test_demo_load_creates_demo_agents_with_a_private_password_file(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    import stat
    from pathlib import Path

    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    fichier = Path(app.config["VAR_DIR"]) / "comptes_demo.txt"
    assert stat.S_IMODE(fichier.stat().st_mode) == 0o600
    email, mot_de_passe = fichier.read_text().splitlines()[1].split()[:2]
    assert login(app.test_client(), email, mot_de_passe).status_code == 302
    assert "Comptes agents" not in runner.invoke(args=["demo", "load"]).output


def test_sign_in_attempts_are_rate_limited(client: FlaskClient, make_agent) -> None:  # type: ignore[no-untyped-def]
    make_agent()
    statuts = [login(client, mot_de_passe=f"essai {i}").status_code for i in range(11)]
    assert statuts[:10].count(429) == 0
    assert statuts[10] == 429
