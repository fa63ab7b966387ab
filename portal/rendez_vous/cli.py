"""`flask --app portal rendez-vous …`: the notification worker, plages, and the purge.

`envoyer --boucle 60` is the process that `make run` starts (deploy/supervisord.conf); a cron
can run `envoyer` alone instead.
"""

from __future__ import annotations

import sys
import time as horloge_systeme
from datetime import date, time, timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from portal.catalogue import current_catalogue
from portal.extensions import db
from portal.horloge import maintenant
from portal.models import Agent, LieuRef, Plage, RendezVous
from portal.rendez_vous.envoi import envois_from_config
from portal.rendez_vous.notifications import deliver_due

rendez_vous_cli = AppGroup("rendez-vous", help="Rendez-vous : notifications, plages, purge.")


@rendez_vous_cli.command("envoyer")
@click.option("--boucle", type=int, default=0, help="Recommencer toutes les N secondes.")
def envoyer(boucle: int) -> None:
    """Envoie les confirmations, rappels et annonces dus ; réessaie ceux qui ont échoué."""
    while True:
        with db.session() as session:
            bilan = deliver_due(
                session,
                catalogue=current_catalogue(),
                envois=envois_from_config(current_app.config),
                now=maintenant(),
                base_url=current_app.config["PUBLIC_BASE_URL"],
                secret=str(current_app.config["SECRET_KEY"]),
            )
        click.echo(
            f"{bilan.envoyees} envoyée(s), {bilan.reportees} à réessayer, "
            f"{bilan.echecs} en échec, {bilan.abandonnees} sans objet."
        )
        if boucle <= 0:
            return
        horloge_systeme.sleep(boucle)


@rendez_vous_cli.command("plage")
@click.option("--lieu", required=True)
@click.option("--motif", "motifs", multiple=True, required=True)
@click.option("--jours", required=True, help="Jours de la semaine, 1 = lundi : 1,2,4")
@click.option("--de", "heure_debut", required=True, help="09:00")
@click.option("--a", "heure_fin", required=True, help="12:00")
@click.option("--agent", "agent_email", default=None, help="Adresse e-mail de l'agent")
@click.option("--toutes-les-semaines", default=1, type=int)
@click.option("--depuis", default=None, help="AAAA-MM-JJ (aujourd'hui par défaut)")
def plage(
    lieu: str, motifs: tuple[str, ...], jours: str, heure_debut: str, heure_fin: str,
    agent_email: str | None, toutes_les_semaines: int, depuis: str | None,
) -> None:
    """Ajoute une plage d'ouverture (lieu × agent × motifs, chaque semaine)."""
    catalogue = current_catalogue()
    erreurs = [f"motif inconnu : {m}" for m in motifs if m not in catalogue.motifs]
    with db.session() as session:
        if session.get(LieuRef, lieu) is None:
            erreurs.append(f"lieu inconnu : {lieu} (lancez `flask content sync`)")
        agent = None
        if agent_email:
            agent = session.scalar(select(Agent).where(Agent.email == agent_email.lower()))
            if agent is None:
                erreurs.append(f"agent inconnu : {agent_email}")
        try:
            numeros = sorted({int(j) for j in jours.split(",")})
            debut, fin = time.fromisoformat(heure_debut), time.fromisoformat(heure_fin)
            premier_jour = date.fromisoformat(depuis) if depuis else maintenant().date()
        except ValueError as exc:
            erreurs.append(str(exc))
            numeros = []
        if numeros and not set(numeros) <= set(range(1, 8)):
            erreurs.append("jours : de 1 (lundi) à 7 (dimanche)")
        if erreurs:
            for erreur in erreurs:
                click.echo(erreur, err=True)
            sys.exit(1)
        session.add(
            Plage(lieu_id=lieu, agent_id=agent.id if agent else None, motifs=list(motifs),
                  jours=numeros, heure_debut=debut, heure_fin=fin, date_debut=premier_jour,
                  toutes_les_semaines=toutes_les_semaines)
        )
        session.commit()
    click.echo("Plage ajoutée.")


@rendez_vous_cli.command("purger")
@click.option("--mois", default=13, type=int, help="Garder les rendez-vous de N mois.")
@click.option("--wet-run", is_flag=True, help="Supprimer vraiment (sinon : compter).")
def purger(mois: int, wet_run: bool) -> None:
    """Supprime les rendez-vous passés depuis plus de N mois, avec leurs notifications."""
    limite = maintenant() - timedelta(days=31 * mois)
    with db.session() as session:
        ids = list(session.scalars(select(RendezVous.id).where(RendezVous.fin < limite)))
        if wet_run and ids:
            # Notifications and attempts go with them (ON DELETE CASCADE, and ORM cascade).
            for rdv in session.scalars(select(RendezVous).where(RendezVous.id.in_(ids))):
                session.delete(rdv)
            session.commit()
    verbe = "supprimé(s)" if wet_run else "à supprimer (relancez avec --wet-run)"
    click.echo(f"{len(ids)} rendez-vous {verbe}.")
