"""Command line: `flask --app portal db …`, `content …`, `demo …`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from alembic import command
from flask import Flask, current_app
from flask.cli import AppGroup

from portal.catalogue import CatalogueError, current_catalogue, load_catalogue
from portal.demo import create_demo_agents
from portal.extensions import db
from portal.horloge import maintenant
from portal.lieux.services import sync_referentiel
from portal.migrations import alembic_config
from portal.rendez_vous.services import create_demo_plages

db_cli = AppGroup("db", help="Base de données : migrations Alembic.")
content_cli = AppGroup("content", help="Contenu (content/) : vérifier, copier en base.")
demo_cli = AppGroup("demo", help="Données de démonstration.")


def _alembic():  # type: ignore[no-untyped-def]
    return alembic_config(current_app.config["DATABASE_URL"])


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Applique les migrations jusqu'à REVISION (head par défaut)."""
    command.upgrade(_alembic(), revision)


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Revient à REVISION (par exemple base)."""
    command.downgrade(_alembic(), revision)


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
def db_revision(message: str) -> None:
    """Crée une migration à partir des modèles (relisez-la avant de la garder)."""
    command.revision(_alembic(), message=message, autogenerate=True)


@db_cli.command("check")
def db_check() -> None:
    """Échoue si les modèles ont changé sans migration."""
    command.check(_alembic())


@content_cli.command("check")
def content_check() -> None:
    """Vérifie tout content/ : affiche chaque problème (fichier, champ, raison)."""
    try:
        catalogue = load_catalogue(current_app.config["CONTENT_DIR"])
    except CatalogueError as exc:
        for probleme in exc.problemes:
            click.echo(str(probleme), err=True)
        click.echo(f"{len(exc.problemes)} problème(s) : le contenu n'est pas chargé.", err=True)
        sys.exit(1)
    counts = ", ".join(f"{_taille(v)} {k}" for k, v in catalogue.items.items())
    click.echo(f"Contenu valide : {counts}.")


def _taille(contenu: object) -> int:
    """Items of a kind: files for one-per-file kinds, else the main list of its one file."""
    if isinstance(contenu, dict):
        return len(contenu)
    listes = [v for v in vars(contenu).values() if isinstance(v, list)]
    return len(max(listes, key=len)) if listes else 1


@content_cli.command("sync")
def content_sync() -> None:
    """Copie les territoires et les lieux de content/ dans la base."""
    with db.session() as session:
        resume = sync_referentiel(session, current_catalogue())
        session.commit()
    click.echo(f"Référentiel à jour : {resume}.")


@demo_cli.command("load")
@click.pass_context
def demo_load(ctx: click.Context) -> None:
    """Charge les données de démonstration (idempotent)."""
    ctx.invoke(content_sync)
    with db.session() as session:
        fichier = create_demo_agents(
            session, catalogue=current_catalogue(), var_dir=Path(current_app.config["VAR_DIR"])
        )
        create_demo_plages(session, catalogue=current_catalogue(), today=maintenant().date())
        session.commit()
    if fichier:
        click.echo(f"Comptes agents de démonstration : voir {fichier} (lisible par vous seul).")


def init_app(app: Flask) -> None:
    for group in (db_cli, content_cli, demo_cli):
        app.cli.add_command(group)
