"""A citizen books with the keyboard only, gets the confirmation e-mail on a real local SMTP
server, opens the manage link on another device, moves, then cancels; axe on every page.

Elements are found by their role in the page (ids, links), not by their text, so the journey
runs in any language.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

import pytest
from alembic import command
from playwright.sync_api import Browser, Page
from werkzeug.serving import make_server

from portal import create_app
from portal.lieux.services import sync_referentiel
from portal.migrations import alembic_config
from portal.rendez_vous.demo import create_demo_plages
from tests.conftest import LUNDI_10H, make_config
from tests.e2e.axe import violations
from tests.smtp_local import Boite, serveur_smtp

LANGUES = ["fr", "en", "ar"]


@pytest.fixture(scope="module")
def serveur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Boite]]:
    """The portal with demo plages, sending its e-mails to an SMTP server on loopback."""
    tmp = tmp_path_factory.mktemp("e2e_rdv")
    url = f"sqlite:///{tmp / 'rdv.db'}"
    command.upgrade(alembic_config(url), "head")
    with serveur_smtp() as (port, boite):
        # Frozen on a Monday morning so that the week shown is always the same.
        app = create_app(make_config(url, tmp, SMTP_HOST="127.0.0.1", SMTP_PORT=port,
                                     RENDEZ_VOUS_LIMITE="1000 per minute"))
        with app.app_context():
            session = app.extensions["database"].session()
            sync_referentiel(session, app.extensions["catalogue"])
            create_demo_plages(
                session, catalogue=app.extensions["catalogue"], today=LUNDI_10H.date()
            )
            session.commit()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        base = f"http://127.0.0.1:{server.server_port}"
        app.config["PUBLIC_BASE_URL"] = base
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield base, boite
        server.shutdown()


def _page(browser: Browser, langue: str) -> Page:
    context = browser.new_context(locale=langue, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.on("console", lambda msg: pytest.fail(f"CSP : {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    return page


def _tab_to(page: Page, selecteur: str, limite: int = 120) -> None:
    """Presses Tab until the focused element matches, as a keyboard user would."""
    for _ in range(limite):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selecteur):
            visible = page.evaluate(
                "() => getComputedStyle(document.activeElement).outlineStyle !== 'none'"
            )
            assert visible, f"focus invisible sur {selecteur}"
            return
    raise AssertionError(f"{selecteur} n'est pas atteint au clavier")


def _press(page: Page, selecteur: str, url: str) -> None:
    _tab_to(page, selecteur)
    page.keyboard.press("Enter")
    page.wait_for_url(url)
    assert violations(page) == []


def _type(page: Page, selecteur: str, texte: str) -> None:
    _tab_to(page, selecteur)
    page.keyboard.type(texte)


def _emails(boite: Boite, nombre: int) -> list:
    for _ in range(100):
        if len(boite.messages) >= nombre:
            return boite.messages
        time.sleep(0.1)
    raise AssertionError(f"{len(boite.messages)} e-mail(s) reçu(s), {nombre} attendus")


@pytest.mark.parametrize("langue", LANGUES)
def test_book_receive_manage_move_cancel(
    browser: Browser, serveur: tuple[str, Boite], langue: str
) -> None:
    base, boite = serveur
    boite.messages.clear()  # the server is shared by the runs in each language
    page = _page(browser, langue)
    page.goto(base + "/rendez-vous")
    assert violations(page) == []
    _type(page, "#commune", "Evreux")
    _tab_to(page, "input[name=motif]")
    for _ in range(10):
        if page.evaluate("document.activeElement.value") == "premier_rendez_vous_ts":
            break
        page.keyboard.press("ArrowDown")
    _press(page, "main form button[type=submit]", "**/rendez-vous/lieu?*")
    _press(page, "a[href*='lieu=msd-evreux']", "**/rendez-vous/creneau?*")
    # Next week: far enough ahead (48 h) to be moved from the link later.
    _press(page, ".semaines a", "**/rendez-vous/creneau?*semaine=*")
    _press(page, ".creneaux a", "**/rendez-vous/coordonnees?*")
    _type(page, "#prenom", "Camille")
    _type(page, "#nom", "Martin")
    _type(page, "#email", "camille@exemple.fr")
    _press(page, "main form button[type=submit]", "**/rendez-vous/confirme")
    assert page.locator(".confirme h1").count() == 1
    reference = re.search(r"[A-Z0-9]{8}", page.locator(".confirme .chapo").inner_text())
    assert reference

    (confirmation,) = _emails(boite, 1)[:1]
    texte = confirmation.get_body(("plain",)).get_content()
    assert reference.group(0) in texte
    lien = re.search(rf"{re.escape(base)}/r/[\w-]+", texte)
    assert lien, texte

    # Another device: the link asks for the first letters of the last name.
    autre = _page(browser, langue)
    autre.goto(lien.group(0))
    autre.wait_for_url("**/rendez-vous/gerer/*")
    assert violations(autre) == []
    _type(autre, "#lettres", "mar")
    autre.keyboard.press("Enter")
    autre.locator("a[href$='/deplacer']").wait_for()  # same address, now showing the details
    assert violations(autre) == []
    _press(autre, "a[href$='/deplacer']", "**/deplacer")
    _press(autre, ".premier-creneau a", "**/deplacer/confirmer?*")
    _press(autre, "main form button[type=submit]", "**/rendez-vous/gerer/*")
    _emails(boite, 2)
    _press(autre, "a[href$='/annuler']", "**/annuler")
    _press(autre, "main form button[type=submit]", "**/rendez-vous/gerer/*")
    messages = _emails(boite, 3)
    assert all(reference.group(0) in m.get_body(("plain",)).get_content() for m in messages[:3])
    assert autre.locator("a[href$='/annuler']").count() == 0


@pytest.mark.parametrize("langue", LANGUES)
def test_booking_pages_reflow_at_320_px(
    browser: Browser, serveur: tuple[str, Boite], langue: str
) -> None:
    base, _boite = serveur
    page = _page(browser, langue)
    page.set_viewport_size({"width": 320, "height": 640})
    for chemin in ["/rendez-vous", "/rendez-vous/creneau?code=27229&motif=dossier_apa"
                   "&lieu=msd-evreux"]:
        page.goto(base + chemin)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert violations(page) == []
