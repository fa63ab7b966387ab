"""Outbox: confirmation by e-mail (a real SMTP server on loopback) and SMS, retries with
backoff and a receipt per attempt, reminders 48 h before and never after a cancellation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import Notification, RendezVous, TentativeEnvoi
from portal.models.rendez_vous import StatutNotification
from tests.conftest import LUNDI_10H
from tests.integration.rendez_vous.conftest import book
from tests.smtp_local import Boite, port_libre, serveur_smtp

JEUDI_PROCHAIN = "2026-12-03T09:00:00+01:00"  # more than 48 h ahead: a reminder is queued


@pytest.fixture
def smtp(app: Flask) -> Iterator[Boite]:
    with serveur_smtp() as (port, boite):
        app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
        yield boite


def _notifications(app: Flask) -> list[Notification]:
    session = app.extensions["database"].session()
    return list(session.scalars(select(Notification).order_by(Notification.id)))


def _run_worker(app: Flask, quand: datetime) -> str:
    app.config["NOW"] = lambda: quand
    result = app.test_cli_runner().invoke(args=["rendez-vous", "envoyer"])
    assert result.exit_code == 0, result.output
    return result.output


def test_confirmation_email_reaches_the_smtp_server_with_an_ics(
    client: FlaskClient, plages: int, smtp: Boite
) -> None:
    response = book(client, usager={"telephone": None, "email": "camille@exemple.fr"})
    assert response.status_code == 201
    assert len(smtp.messages) == 1
    email = smtp.messages[0]
    assert email["To"] == "camille@exemple.fr"
    assert email["Subject"].startswith("Rendez-vous confirmé le mardi 24 novembre 2026")
    texte = email.get_body(("plain",)).get_content()
    assert "Bonjour Camille," in texte
    assert response.get_json()["gestion_url"] in texte
    assert "Une pièce d'identité" in texte
    ics = next(p for p in email.iter_attachments() if p.get_content_type() == "text/calendar")
    contenu = ics.get_content()
    contenu = contenu if isinstance(contenu, str) else contenu.decode()
    assert "BEGIN:VEVENT" in contenu and "@bonne-porte" in contenu
    assert "DTSTART:20261124T080000Z" in contenu


def test_smtp_down_is_retried_with_backoff_and_every_attempt_recorded(
    app: Flask, client: FlaskClient, plages: int
) -> None:
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port_libre(), SMTP_TIMEOUT=2)
    assert book(client, usager={"telephone": None, "email": "a@exemple.fr"}).status_code == 201
    with app.app_context():
        (notification,) = _notifications(app)
        assert notification.statut == StatutNotification.a_envoyer
        assert notification.tentatives == 1
        assert notification.prochaine_tentative == LUNDI_10H + timedelta(minutes=1)
    # Too early: nothing is tried again.
    assert "0 envoyée(s), 0 à réessayer" in _run_worker(app, LUNDI_10H + timedelta(seconds=30))
    _run_worker(app, LUNDI_10H + timedelta(minutes=1))
    with app.app_context():
        (notification,) = _notifications(app)
        assert notification.tentatives == 2
        assert notification.prochaine_tentative == LUNDI_10H + timedelta(minutes=3)
    with serveur_smtp() as (port, boite):
        app.config["SMTP_PORT"] = port
        sortie = _run_worker(app, LUNDI_10H + timedelta(minutes=3))
        assert "1 envoyée(s)" in sortie
        assert len(boite.messages) == 1
    with app.app_context():
        (notification,) = _notifications(app)
        assert notification.statut == StatutNotification.envoyee
        essais = app.extensions["database"].session().scalars(select(TentativeEnvoi)).all()
        assert [e.reussie for e in essais] == [False, False, True]
        assert all("a@exemple.fr" not in e.detail for e in essais)


def test_reminder_48_hours_before_not_earlier(app: Flask, client: FlaskClient, plages: int) -> None:
    assert book(client, debut=JEUDI_PROCHAIN).status_code == 201
    with app.app_context():
        rappel = next(n for n in _notifications(app) if n.modele == "rappel")
        debut = datetime.fromisoformat(JEUDI_PROCHAIN)
        assert rappel.prochaine_tentative == debut - timedelta(hours=48)
    _run_worker(app, debut - timedelta(hours=49))
    with app.app_context():
        rappel = next(n for n in _notifications(app) if n.modele == "rappel")
        assert rappel.statut == StatutNotification.a_envoyer
    _run_worker(app, debut - timedelta(hours=48))
    with app.app_context():
        rappel = next(n for n in _notifications(app) if n.modele == "rappel")
        assert rappel.statut == StatutNotification.envoyee
        assert rappel.essais[0].backend == "journal-sms"


def test_no_reminder_after_a_cancellation(app: Flask, client: FlaskClient, plages: int) -> None:
    assert book(client, debut=JEUDI_PROCHAIN).status_code == 201
    from portal.rendez_vous.services import cancel_rendez_vous

    with app.app_context():
        session = app.extensions["database"].session()
        rdv = session.scalars(select(RendezVous)).one()
        cancel_rendez_vous(session, catalogue=app.extensions["catalogue"], rdv=rdv, now=LUNDI_10H)
    _run_worker(app, datetime.fromisoformat(JEUDI_PROCHAIN) - timedelta(hours=48))
    with app.app_context():
        par_modele = {n.modele: n.statut for n in _notifications(app)}
        assert par_modele["rappel"] == StatutNotification.abandonnee
        assert par_modele["annulation"] == StatutNotification.envoyee


def test_no_reminder_once_the_time_has_passed(app: Flask, client: FlaskClient, plages: int) -> None:
    """A worker down for days sends nothing stale when it comes back (RDV-S #4351)."""
    app.config["RENDEZ_VOUS_ENVOI_IMMEDIAT"] = "false"
    assert book(client, debut=JEUDI_PROCHAIN).status_code == 201
    _run_worker(app, datetime.fromisoformat(JEUDI_PROCHAIN) + timedelta(hours=1))
    with app.app_context():
        assert {n.statut for n in _notifications(app)} == {StatutNotification.abandonnee}


def test_two_workers_never_send_twice(app: Flask, client: FlaskClient, plages: int) -> None:
    app.config["RENDEZ_VOUS_ENVOI_IMMEDIAT"] = "false"
    assert book(client).status_code == 201
    from portal.rendez_vous.notifications import _claim

    with app.app_context():
        session = app.extensions["database"].session()
        (notification,) = _notifications(app)
        assert _claim(session, notification.id, now=LUNDI_10H) is True
        assert _claim(session, notification.id, now=LUNDI_10H) is False
