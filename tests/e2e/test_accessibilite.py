"""axe finds nothing on any page in any language; pages reflow at 320 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.e2e.axe import violations
from tests.e2e.conftest import sign_in_agent

PAGES = [
    "/",
    "/urgence",
    "/accessibilite",
    "/lieux",
    "/lieux?commune=Evreux",
    "/lieux?commune=27400",
    "/lieux?commune=",
    "/lieux?commune=evrux",
    "/nulle-part",
    "/agent/connexion",
]
LANGUES = ["fr", "en", "ar"]


@pytest.mark.parametrize("context", LANGUES, indirect=True)
@pytest.mark.parametrize("chemin", PAGES)
def test_axe_finds_nothing(page: Page, live_server: str, chemin: str) -> None:
    page.goto(live_server + chemin)
    assert violations(page) == []


@pytest.mark.parametrize("context", LANGUES, indirect=True)
def test_language_and_direction(page: Page, live_server: str, context) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    langue = page.locator("html").get_attribute("lang")
    attendu = {"fr": "ltr", "en": "ltr", "ar": "rtl"}[langue or ""]
    assert page.locator("html").get_attribute("dir") == attendu


@pytest.mark.parametrize("chemin", ["/", "/urgence", "/lieux?commune=Evreux"])
def test_reflow_at_320_px_without_horizontal_scroll(
    page: Page, live_server: str, chemin: str
) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + chemin)
    largeur = page.evaluate("document.documentElement.scrollWidth")
    assert largeur <= 320


def test_the_switcher_changes_the_language_and_stays_on_the_page(
    page: Page, live_server: str
) -> None:
    page.goto(live_server + "/urgence")
    page.get_by_role("link", name="العربية").click()
    assert page.url.endswith("/urgence")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"


def test_agent_home_is_accessible_after_sign_in(page: Page, live_server: str) -> None:
    sign_in_agent(page, live_server)
    assert page.get_by_role("heading", level=1).inner_text() == "Bonjour Dominique"
    assert violations(page) == []


def test_indicators_page_is_accessible_with_figures(page: Page, live_server: str) -> None:
    # Some figures first, left the way people leave them: a demande and a letter opened.
    page.goto(live_server + "/demande")
    page.get_by_label("Votre prénom").fill("Samia")
    page.get_by_label("Votre commune", exact=True).fill("Évreux")
    page.get_by_label("Par téléphone").check()
    page.get_by_label("Numéro de téléphone").fill("06 12 34 56 78")
    page.get_by_label("Votre demande concerne").select_option("logement")
    page.get_by_label(re.compile("J'accepte que le Département garde")).check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_url("**/demande/envoyee")
    page.goto(live_server + "/c/APA-DEC")
    sign_in_agent(page, live_server, role="admin")
    page.goto(live_server + "/agent/indicateurs")
    assert page.get_by_role("heading", level=1).inner_text() == "Indicateurs"
    graphique = page.locator("#demandes_topic svg[role=img]")
    # Other browser tests share the server and may add demandes: at least ours is counted.
    assert re.search(r"Logement : [1-9]", graphique.locator("desc").text_content() or "")
    assert page.locator("#courriers_scans svg[role=img]").count() == 1
    assert violations(page) == []
