"""A citizen books a workshop seat with the keyboard only, without an account: the sessions say
their seats left in words, the confirmation says "place confirmée"; axe on every page, and the
session page reflows at 320 px. An agent creates then cancels a session, axe-clean in fr/en/ar.
Screenshots of the session list at 320 and 360 px in fr and ar are written to the test's
temporary folder (to look at, not compared)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.support import Translations
from playwright.sync_api import Browser, Page

from portal.rendez_vous.creneaux import is_jour_ferie
from tests.e2e.axe import violations
from tests.e2e.conftest import sign_in_agent
from tests.e2e.test_rendez_vous import _page, _press, _tab_to, _type, serveur  # noqa: F401
from tests.smtp_local import Boite

TRADUCTIONS = Path(__file__).resolve().parents[2] / "translations"
MOTIF = "atelier_messagerie"
SEANCES = f"/rendez-vous/creneau?code=27229&motif={MOTIF}&lieu=fs-pacy-sur-eure"


def _places(langue: str, nombre: int) -> str:
    traductions = Translations.load(str(TRADUCTIONS), [langue])
    return traductions.ngettext("%(num)s place restante", "%(num)s places restantes",
                                nombre) % {"num": nombre}


@pytest.mark.parametrize("langue", ["fr", "en", "ar"])
def test_a_citizen_books_a_workshop_seat_with_the_keyboard(
    browser: Browser, serveur: tuple[str, Boite], langue: str  # noqa: F811
) -> None:
    base, _boite = serveur
    page = _page(browser, langue)
    page.goto(base + "/rendez-vous")
    _type(page, "#commune", "Evreux")
    _tab_to(page, "input[name=motif]")
    for _ in range(12):
        if page.evaluate("document.activeElement.value") == MOTIF:
            break
        page.keyboard.press("ArrowDown")
    _press(page, "main form button[type=submit]", "**/rendez-vous/lieu?*")
    _press(page, "a[href*='lieu=fs-pacy-sur-eure']", "**/rendez-vous/creneau?*")
    premiere = page.locator(".premier-creneau").inner_text()
    # The server is shared by the runs in each language: 8 seats, then 7, then 6 left.
    avant = next((n for n in range(8, 0, -1) if _places(langue, n) in premiere), None)
    assert avant is not None, premiere
    assert page.locator(".creneaux .places").count() >= 1
    _press(page, ".premier-creneau a", "**/rendez-vous/coordonnees?*")
    _type(page, "#prenom", "Camille")
    _type(page, "#nom", "Martin")
    _type(page, "#email", "camille@exemple.fr")
    _press(page, "main form button[type=submit]", "**/rendez-vous/confirme")
    assert page.locator(".confirme h1").count() == 1
    page.goto(base + SEANCES)
    apres = page.locator(".premier-creneau").inner_text()
    assert _places(langue, avant - 1) in apres, apres
    assert violations(page) == []


@pytest.mark.parametrize("langue", ["fr", "ar"])
@pytest.mark.parametrize("largeur", [320, 360])
def test_the_session_list_reflows_on_a_phone(
    browser: Browser, serveur: tuple[str, Boite], langue: str, largeur: int,  # noqa: F811
    tmp_path: Path,
) -> None:
    base, _boite = serveur
    page = _page(browser, langue)
    page.set_viewport_size({"width": largeur, "height": 640})
    page.goto(base + SEANCES)
    assert page.evaluate("document.documentElement.scrollWidth") <= largeur
    assert violations(page) == []
    page.screenshot(path=str(tmp_path / f"seances-{langue}-{largeur}.png"), full_page=True)


@pytest.mark.parametrize("langue", ["fr", "en", "ar"])
def test_an_agent_creates_then_cancels_a_session_axe_clean(
    page: Page, live_server: str, langue: str
) -> None:
    sign_in_agent(page, live_server)
    page.goto(f"{live_server}/langue/{langue}?suivant=/")
    page.goto(f"{live_server}/agent/rendez-vous/ateliers?lieu=msd-evreux")
    assert violations(page) == []
    # Sent empty first: every field says what to write, axe still clean.
    _tab_to(page, "main form[method=post] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".message-erreur li").count() == 2
    assert violations(page) == []
    jour = date.today() + timedelta(days=10 + (["fr", "en", "ar"].index(langue)))
    while is_jour_ferie(jour):
        jour += timedelta(days=1)
    page.locator("#jour").fill(jour.isoformat())  # a date field's typing order is the locale's
    page.locator("#heure").fill("10:00")
    _tab_to(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/agent/rendez-vous/ateliers/*")
    assert violations(page) == []
    _tab_to(page, "button.bouton-danger")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("button.bouton-danger").count() == 0  # cancelled: nothing to cancel
    assert violations(page) == []
