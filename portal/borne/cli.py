"""`flask --app portal borne purger`: the tickets' summaries have a limited life."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from portal.borne.tickets import purge_tickets
from portal.extensions import db
from portal.horloge import maintenant

borne_cli = AppGroup("borne", help="Bornes et tickets imprimés.")


@borne_cli.command("purger")
def purger() -> None:
    """Efface les résumés des tickets arrivés à expiration."""
    session = db.session()
    n = purge_tickets(session, now=maintenant())
    session.commit()
    click.echo(f"{n} résumé(s) de ticket effacé(s).")


def init_app(app: Flask) -> None:
    app.cli.add_command(borne_cli)
