"""Structures and accounts: only a salaried professional of a known structure becomes a
conseiller numérique; the demo accounts cover every role; his pages ask to sign in again after
15 minutes idle."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select

from portal.models import Agent
from tests.conftest import LUNDI_10H, MOT_DE_PASSE, login
from tests.integration.aidants.conftest import conseiller

CREER = ["agents", "create", "--email", "cn@exemple.fr", "--prenom", "Lou", "--nom", "Numérique",
         "--role", "conseiller_numerique", "--territoire", "evreux",
         "--mot-de-passe", MOT_DE_PASSE]


def test_only_a_salaried_professional_of_a_structure_gets_the_role(
    runner: FlaskCliRunner, app: Flask
) -> None:
    sans_structure = runner.invoke(args=CREER)
    assert sans_structure.exit_code == 1
    assert "appartient à une structure" in sans_structure.output
    non_salarie = runner.invoke(args=[*CREER, "--structure", "msd-evreux"])
    assert non_salarie.exit_code == 1 and "Seuls les salariés" in non_salarie.output
    inconnue = runner.invoke(args=[*CREER, "--structure", "nulle-part", "--salarie"])
    assert inconnue.exit_code == 1 and "Structure inconnue" in inconnue.output
    assert app.extensions["database"].session().scalars(select(Agent)).all() == []
    cree = runner.invoke(args=[*CREER, "--structure", "msd-evreux", "--salarie"])
    assert cree.exit_code == 0, cree.output
    agent = app.extensions["database"].session().scalars(select(Agent)).one()
    assert (agent.structure_id, agent.salarie) == ("msd-evreux", True)


def test_demo_accounts_cover_every_role(runner: FlaskCliRunner, app: Flask) -> None:
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    lignes = (Path(app.config["VAR_DIR"]) / "comptes_demo.txt").read_text().splitlines()[1:]
    roles = [ligne.split("(")[1].split(",")[0] for ligne in lignes]
    territoires = app.extensions["catalogue"].territoires
    assert roles.count("accueil") == len(territoires)
    assert roles.count("conseiller_numerique") == 2
    assert {"admin", "responsable", "travailleur_social"} <= set(roles)
    structures = {ligne.split("structure ")[1].rstrip(")") for ligne in lignes
                  if "conseiller_numerique" in ligne}
    assert structures == {"msd-evreux", "fs-val-de-reuil"}
    cn = next(ligne for ligne in lignes if "conseiller_numerique" in ligne)
    client = app.test_client()
    assert login(client, *cn.split()[:2]).status_code == 302
    assert client.get("/agent/aidants/").status_code == 200


def test_other_roles_cannot_open_the_conseillers_pages(
    client: FlaskClient, make_agent: Any
) -> None:
    make_agent(role="accueil")
    assert login(client).status_code == 302
    assert client.get("/agent/aidants/").status_code == 403


def test_idle_for_15_minutes_asks_to_sign_in_again(
    client: FlaskClient, make_agent: Any, app: Flask
) -> None:
    conseiller(client, make_agent)
    assert client.get("/agent/aidants/").status_code == 200
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=16)
    reponse = client.get("/agent/aidants/")
    assert reponse.status_code == 302
    assert reponse.headers["Location"].startswith("/agent/connexion")
