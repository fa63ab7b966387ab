"""A citizen books a workshop seat with the keyboard only, without an account: the sessions say
their seats left in words, the confirmation says "place confirmée"; axe on every page, and the
session page reflows at 320 px. Screenshots of the session list at 320 and 360 px in fr and ar
are written to the test's temporary folder (to look at, not compared)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.support import Translations
from playwright.sync_api import Browser

from tests.e2e.axe import violations
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
