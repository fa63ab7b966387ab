"""`flask --app portal accueil purger`: personal data of closed demandes has a limited life."""

from __future__ import annotations

import click
from dateutil.relativedelta import relativedelta
from flask import current_app
from flask.cli import AppGroup

from portal.accueil.purge import purge_demandes
from portal.extensions import db
from portal.horloge import maintenant

accueil_cli = AppGroup("accueil", help="Premier accueil : demandes.")


@accueil_cli.command("purger")
@click.option("--mois", type=click.IntRange(min=1, max=120), default=None,
              help="Garder les demandes closes depuis moins de N mois (DEMANDES_MOIS sinon).")
def purger(mois: int | None) -> None:
    """Efface les données personnelles des demandes closes depuis plus de N mois."""
    mois = mois or int(current_app.config["DEMANDES_MOIS"])
    now = maintenant()
    with db.session() as session:
        n = purge_demandes(session, avant=now - relativedelta(months=mois), now=now)
    click.echo(f"{n} demande(s) vidée(s) de leurs données personnelles (closes depuis plus "
               f"de {mois} mois). Les comptes anonymes restent pour les indicateurs.")
