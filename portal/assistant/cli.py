"""`flask --app portal assistant purge`: conversations are kept a limited time (GDPR)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from portal.assistant.conversations import purge_conversations
from portal.extensions import db
from portal.horloge import maintenant

assistant_cli = AppGroup("assistant", help="Assistant : conversations.")


@assistant_cli.command("purge")
@click.option("--jours", type=click.IntRange(min=1), default=None,
              help="Garder les conversations de moins de N jours (CONVERSATIONS_JOURS sinon).")
def purge(jours: int | None) -> None:
    """Efface les conversations et transcriptions plus anciennes que N jours."""
    jours = jours or int(current_app.config["CONVERSATIONS_JOURS"])
    avant = maintenant() - timedelta(days=jours)
    with db.session() as session:
        n = purge_conversations(session, avant=avant)
    click.echo(f"{n} conversation(s) effacée(s) dans le portail.")
    tracker = Path(current_app.config.get("RASA_TRACKER_DB", ""))
    if tracker.is_file():
        # Rasa's SQL tracker store keeps every event; /restart only appends. Delete old ones.
        with sqlite3.connect(tracker) as conn:
            cursor = conn.execute("DELETE FROM events WHERE timestamp < ?", (avant.timestamp(),))
        click.echo(f"{cursor.rowcount} événement(s) effacé(s) dans l'historique de Rasa.")
