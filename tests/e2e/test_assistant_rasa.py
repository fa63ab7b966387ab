"""The chat with the REAL Rasa server and action server (trained model, bot/.venv).

Marked `rasa`: left out of the normal run (pyproject addopts), run by `make bot-test` after
training. One browser story, in order: the bot answers, an emergency gets the numbers first,
a human is asked for, the hand-off form gives a reference, an agent answers from
/agent/accueil/<reference> and the answer reaches the widget; then Rasa is stopped and the
portal still works: a new person gets the "laisser une demande" form and what they typed is
stored. Measured first: the routing of POST /api/v1/triage with the real model on the
newest held-out part (evaluation.HELDOUT, written blind, never tuned on).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from werkzeug.serving import make_server

from mesures.evaluation import (
    DONNEES,
    FAUSSES_ALERTES_MAX,
    HELDOUT,
    RAPPEL_MIN,
    TOPIC_MIN,
    Mesures,
    cas_nouveaux,
    evaluer,
    lire_cas,
    routeur_reel,
)
from mesures.rasa_reel import RasaReel, rasa_reel
from portal import create_app
from portal.agents.services import create_agent
from portal.migrations import alembic_config
from portal.models import MessageConversation
from tests.conftest import MOT_DE_PASSE, make_config
from tests.e2e.conftest import sign_in_agent
from tests.e2e.widget import laisser_la_demande

pytestmark = pytest.mark.rasa

SERVICE_TOKEN = "service-" + "z" * 40


@pytest.fixture(scope="module")
def portail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, str]]:
    """The portal on a free loopback port (as tests/e2e/conftest.py's live_server), with its
    own configuration: Rasa's URL is only known once Rasa is started."""
    tmp = tmp_path_factory.mktemp("e2e-rasa")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    command.upgrade(alembic_config(url), "head")
    app = create_app(make_config(url, tmp, NOW=None, SERVICE_TOKEN=SERVICE_TOKEN,
                                 RASA_TIMEOUT_SECONDS=10, RATELIMIT_ENABLED=False))
    app.test_cli_runner().invoke(args=["demo", "load"])
    with app.app_context():
        session = app.extensions["database"].session()
        create_agent(session, email="e2e.accueil@exemple.fr", prenom="Dominique", nom="Essai",
                     role="accueil", mot_de_passe=MOT_DE_PASSE, territoire_id="evreux")
        session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield app, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def rasa(
    portail: tuple[Flask, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RasaReel]:
    app, url = portail
    with rasa_reel(tmp_path_factory.mktemp("rasa"), portail_url=url,
                   service_token=SERVICE_TOKEN) as reel:
        app.config["RASA_URL"] = reel.url
        app.config["RASA_TOKEN"] = reel.token
        yield reel


@pytest.fixture
def rasa_a_arreter(
    portail: tuple[Flask, str], rasa: RasaReel, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RasaReel]:
    """A Rasa of its own for the story, which stops it: the module's Rasa stays up for the
    measures, whatever order the tests run in (pytest-randomly shuffles them)."""
    app, url = portail
    with rasa_reel(tmp_path_factory.mktemp("rasa-arrete"), portail_url=url,
                   service_token=SERVICE_TOKEN) as reel:
        app.config["RASA_URL"], app.config["RASA_TOKEN"] = reel.url, reel.token
        try:
            yield reel
        finally:
            app.config["RASA_URL"], app.config["RASA_TOKEN"] = rasa.url, rasa.token


def _ouvrir(page: Page) -> None:
    page.get_by_role("button", name="Poser une question", exact=True).click()
    expect(page.get_by_label("Votre message")).to_be_focused()


def _envoyer(page: Page, texte: str) -> None:
    page.get_by_label("Votre message").fill(texte)
    page.get_by_role("button", name="Envoyer", exact=True).click()


@pytest.fixture(scope="module")
def mesures_avec_le_modele(portail: tuple[Flask, str], rasa: RasaReel) -> Mesures:
    """What POST /api/v1/triage and the chat decide, with the real model, on the newest
    held-out part (its lines no tuning file holds).
    The story below stops its own Rasa, not this one; Rasa not answering is an error here,
    not a lower figure."""
    app, _ = portail
    assert (DONNEES / HELDOUT).exists(), (
        f"{HELDOUT} absente : la poser dans {DONNEES}, la mesurer une fois, puis écrire "
        "ses chiffres dans TAILLE et PLANCHER")
    rasa.parse("bonjour")
    catalogue = app.extensions["catalogue"]
    mesures = evaluer(cas_nouveaux(lire_cas(DONNEES / HELDOUT)), catalogue,
                      routeur_reel(catalogue, rasa.url, rasa.token))
    print("\ntriage, partie la plus récente, avec Rasa :",
          json.dumps(mesures.as_json(), ensure_ascii=False))
    return mesures


# The newest held-out part, evaluation.HELDOUT (part P, issue 16), written blind after part O
# was folded into tuning and training. The lead measures it ONCE after the merge
# (`python -m mesures.evaluation --rasa-reel --heldout heldout_p.yml`), then writes its figures
# here: a target it misses gets a strict expected failure (`@pytest.mark.xfail(strict=True)`,
# the reason with the figure; the mark goes the day the target is met), and its counts become
# the floor below. Until then the floor test says what to do.
# Earlier parts, each measured once with the model of its day: O on 07/12 at 03:30 (TF-IDF):
# recall 96.4 % (106/110), false alarms 3.7 % (8/216), topic 88.4 % (191/216); N (TF-IDF):
# 97.3 %, 2.3 %, 89.8 %; M (counts + logistic regression): 92.7 %, 6.1 %, 77.1 %; L: 99.1 %,
# 7.9 %, 78.2 %; K: 96.4 %, 4.6 %, 81.5 %; J: 91.7 %, 7.5 %, 70.3 %; H: 97.1 %, 3.1 %, 88.2 %.
PARTIE = "partie P"
# P measured once on 07/12 at 03:42 (TF-IDF classifier trained on K to O and T7 to T20):
# recall 99.2 % (119/120), false alarms 1.2 % (3/240), topic 93.8 % (225/240): the three
# targets met, so no expected failure below.
TAILLE: tuple[int, int] | None = (120, 240)  # (emergencies, messages without), new lines only
PLANCHER: tuple[int, int, int] | None = (119, 3, 225)  # (detected ≥, false alarms ≤, topics ≥)
# Parts K to O are now tuning parts (tests/data/triage/dev_k.yml … dev_o.yml, learnt by the
# model): their counts with the model trained on them are a regression floor, not a measure of
# new messages. (file, emergencies, messages without, detected ≥, false alarms ≤, topics ≥),
# 07/12, TF-IDF classifier trained on K to O and T7 to T20.
PLANCHERS_REGLAGE = (("dev_k.yml", 110, 216, 110, 1, 215),
                     ("dev_l.yml", 110, 216, 110, 2, 214),
                     ("dev_m.yml", 110, 216, 110, 0, 216),
                     ("dev_n.yml", 110, 216, 110, 0, 216),
                     ("dev_o.yml", 110, 216, 110, 2, 214))


def test_emergency_recall_with_the_real_model(mesures_avec_le_modele: Mesures) -> None:
    assert mesures_avec_le_modele.rappel >= RAPPEL_MIN, (
        f"{PARTIE} : rappel {mesures_avec_le_modele.rappel:.1%} < {RAPPEL_MIN:.0%}")


def test_false_alarms_with_the_real_model(mesures_avec_le_modele: Mesures) -> None:
    assert mesures_avec_le_modele.taux_fausses_alertes <= FAUSSES_ALERTES_MAX, (
        f"{PARTIE} : fausses alertes {mesures_avec_le_modele.taux_fausses_alertes:.1%} > "
        f"{FAUSSES_ALERTES_MAX:.0%}")


def test_topic_accuracy_with_the_real_model(mesures_avec_le_modele: Mesures) -> None:
    assert mesures_avec_le_modele.precision_topic >= TOPIC_MIN, (
        f"{PARTIE} : sujet juste {mesures_avec_le_modele.precision_topic:.1%} < "
        f"{TOPIC_MIN:.0%}")


def test_the_newest_heldout_part_keeps_its_floor(mesures_avec_le_modele: Mesures) -> None:
    """Beside the targets above: the counts of the one measure of the newest held-out part
    (the model, a logistic regression, is the same for the same data), so that one more
    emergency missed, one more false alarm or one more wrong topic fails here."""
    m = mesures_avec_le_modele
    assert TAILLE is not None and PLANCHER is not None, (
        f"{PARTIE} mesurée ({m.urgences} urgences, {m.non_urgences} sans urgence : "
        f"{m.detectees} détectées, {m.fausses_alertes} fausses alertes, {m.bon_topic} sujets "
        f"justes) : écrire TAILLE = ({m.urgences}, {m.non_urgences}) et PLANCHER = "
        f"({m.detectees}, {m.fausses_alertes}, {m.bon_topic}) dans ce fichier, et un xfail "
        "strict sur chaque objectif manqué")
    assert (m.urgences, m.non_urgences) == TAILLE
    detectees, fausses_alertes, bons_sujets = PLANCHER
    assert m.detectees >= detectees
    assert m.fausses_alertes <= fausses_alertes
    assert m.bon_topic >= bons_sujets


@pytest.mark.parametrize(("fichier", "urgences", "sans", "detectees", "alertes", "sujets"),
                         PLANCHERS_REGLAGE)
def test_a_measured_part_folded_into_tuning_keeps_its_floor(
    portail: tuple[Flask, str], rasa: RasaReel, fichier: str, urgences: int, sans: int,
    detectees: int, alertes: int, sujets: int
) -> None:
    """A part measured once then learnt (K to O): what the model trained on it does, kept."""
    app, _ = portail
    catalogue = app.extensions["catalogue"]
    m = evaluer(lire_cas(DONNEES / fichier), catalogue,
                routeur_reel(catalogue, rasa.url, rasa.token))
    assert (m.urgences, m.non_urgences) == (urgences, sans)
    assert m.detectees >= detectees
    assert m.fausses_alertes <= alertes
    assert m.bon_topic >= sujets


def test_the_token_is_on_no_command_line(rasa: RasaReel) -> None:
    """Rasa answered with its token (the fixture parsed a message), yet `ps` cannot show it."""
    assert len(rasa.processus) == 2
    for processus in rasa.processus:
        assert processus.poll() is None
        ligne = Path(f"/proc/{processus.pid}/cmdline").read_bytes()
        assert rasa.token.encode() not in ligne


def test_the_whole_story_with_the_real_rasa(
    page: Page, browser: Browser, portail: tuple[Flask, str], rasa_a_arreter: RasaReel
) -> None:
    rasa = rasa_a_arreter
    app, url = portail
    page.goto(url + "/")
    _ouvrir(page)
    # The answers (the person's own messages show at once too, with their state).
    messages = page.locator("[role=log] li.message:not(.message-usager)")

    # The bot itself answers (nothing in the safety net for a greeting).
    _envoyer(page, "bonjour")
    expect(messages.first).to_contain_text("Assistant automatique", timeout=20000)
    expect(page.locator("[role=log]")).not_to_contain_text("ne répond pas")
    avant = messages.count()

    # An emergency: the numbers first, at once, as links, before any question.
    _envoyer(page, "jsui a la rue ce soir avec mes 2 enfants")
    urgence = messages.nth(avant)
    expect(urgence.get_by_role("link", name=re.compile("^115"))).to_have_attribute(
        "href", "tel:115"
    )

    # A human, the short form, a reference.
    page.get_by_role("button", name="Oui, être recontacté").click()
    expect(page.get_by_label("Votre prénom")).to_be_focused()
    reference = laisser_la_demande(page, prenom="Nadia", commune="evreux")

    # The agent answers from the demande's page (its stable contract: the field and button).
    agent = browser.new_context(locale="fr").new_page()
    sign_in_agent(agent, url)
    agent.goto(f"{url}/agent/accueil/{reference}")
    agent.get_by_label("Votre réponse").fill("Bonjour Nadia, je vous appelle dans 5 minutes.")
    agent.get_by_role("button", name="Envoyer la réponse").click()
    expect(page.locator("[role=log]")).to_contain_text(
        "Bonjour Nadia, je vous appelle dans 5 minutes.", timeout=15000
    )
    agent.context.close()

    # Rasa stops: the portal keeps working; a new person gets the form, nothing is lost.
    rasa.arreter()
    autre = browser.new_context(locale="fr").new_page()
    autre.goto(url + "/")
    _ouvrir(autre)
    texte = "bonjour j'ai une question sur mon dossier apa pour ma mère"
    _envoyer(autre, texte)
    expect(autre.locator("[role=log]")).to_contain_text("ne répond pas", timeout=15000)
    expect(autre.get_by_label("Votre prénom")).to_be_visible()
    with app.app_context():
        gardes = app.extensions["database"].session().scalars(
            select(MessageConversation.texte)).all()
    assert texte in gardes
    autre.get_by_label("Votre prénom").fill("Jean")
    autre.get_by_label("Votre commune", exact=True).fill("Évreux")
    autre.get_by_label("Je reste sur le chat").check()
    autre.get_by_label(re.compile("J'accepte que le Département garde")).check()
    autre.get_by_role("button", name="Envoyer à l'accueil").click()
    expect(autre.locator(".assistant-statut")).to_contain_text("Référence")
    autre.context.close()
