"""`flask --app portal agents …`: the only way to create the first admin (no self sign-up)."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from portal.agents.services import DonneesAgentInvalides, create_agent
from portal.extensions import db
from portal.models import Role

agents_cli = AppGroup("agents", help="Comptes des agents.")


def _create(**fields: object) -> None:
    with db.session() as session:
        try:
            agent = create_agent(session, **fields)  # type: ignore[arg-type]
        except DonneesAgentInvalides as exc:
            for champ, message in exc.erreurs.items():
                click.echo(f"{champ} : {message}", err=True)
            sys.exit(1)
        session.commit()
        click.echo(f"Compte créé : {agent.email} ({agent.role}).")


_password = click.option(
    "--mot-de-passe",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Demandé s'il n'est pas donné (jamais dans l'historique du terminal de préférence).",
)


@agents_cli.command("create-admin")
@click.option("--email", required=True)
@click.option("--prenom", required=True)
@click.option("--nom", required=True)
@_password
def create_admin(email: str, prenom: str, nom: str, mot_de_passe: str) -> None:
    """Crée un compte administrateur."""
    _create(email=email, prenom=prenom, nom=nom, role=Role.admin, mot_de_passe=mot_de_passe)


@agents_cli.command("create")
@click.option("--email", required=True)
@click.option("--prenom", required=True)
@click.option("--nom", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--territoire", default=None, help="Identifiant du territoire.")
@click.option("--lieu", "lieux", multiple=True, help="Identifiant d'un lieu (répétable).")
@click.option("--structure", default=None, help="Identifiant de la structure (content/structures).")
@click.option("--salarie", is_flag=True, help="Salarié de la structure (requis pour un conseiller "
              "numérique).")
@_password
def create(
    email: str,
    prenom: str,
    nom: str,
    role: str,
    territoire: str | None,
    lieux: tuple[str, ...],
    structure: str | None,
    salarie: bool,
    mot_de_passe: str,
) -> None:
    """Crée un compte agent rattaché à un territoire et à des lieux."""
    _create(
        email=email,
        prenom=prenom,
        nom=nom,
        role=role,
        territoire_id=territoire,
        lieux=list(lieux),
        structure_id=structure,
        salarie=salarie,
        mot_de_passe=mot_de_passe,
    )
