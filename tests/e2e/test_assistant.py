"""The chat widget, as a person and an agent use it: emergency first, hand-off, agent reply.

Rasa is not running for this test (RASA_URL points nowhere): the safety net and the hand-off
must work without it, which is the point of the portal owning the conversation.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.axe import violations
from tests.e2e.conftest import sign_in_agent
from tests.e2e.widget import laisser_la_demande


def _ouvrir(page: Page) -> None:
    lanceur = page.get_by_role("button", name="Poser une question", exact=True)
    lanceur.focus()
    page.keyboard.press("Enter")
    expect(lanceur).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("document.activeElement.id") == "assistant-message"


def test_widget_keyboard_focus_and_no_local_storage(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    _ouvrir(page)
    assert page.locator("[role=log]").count() == 1
    assert page.get_by_label("Votre message").is_visible()
    assert violations(page) == []
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('assistant-lanceur')")
    assert page.evaluate("window.localStorage.length") == 0


def test_emergency_then_human_then_agent_reply(
    page: Page, live_server: str, browser: Browser
) -> None:
    page.goto(live_server + "/lieux")
    _ouvrir(page)
    page.keyboard.type("il me frappe qd il boit jai peur")
    page.get_by_role("button", name="Envoyer", exact=True).click()
    journal = page.locator("[role=log]")
    # Her own message first, then the assistant's numbers.
    expect(journal.locator("li.message").first).to_contain_text("il me frappe")
    premier = journal.locator("li.message-assistant").first
    expect(premier).to_contain_text("Assistant automatique")
    expect(premier.get_by_role("link", name=re.compile("^3919"))).to_have_attribute(
        "href", "tel:3919"
    )
    page.get_by_role("button", name="Oui, être recontacté").click()
    expect(page.get_by_label("Votre prénom")).to_be_focused()
    assert violations(page) == []
    reference = laisser_la_demande(page, prenom="Samia", commune="Évreux")
    statut = page.locator(".assistant-statut")

    agent = browser.new_context(locale="fr").new_page()
    sign_in_agent(agent, live_server)
    agent.goto(live_server + "/agent/accueil")
    ligne = agent.get_by_role("row", name=re.compile(reference))
    expect(ligne).to_contain_text("Violences")  # urgent, at the top
    # Urgent first: every row above it (other tests may leave urgent demandes) is urgent too.
    lignes = agent.get_by_role("row").all_inner_texts()[1:]
    rang = next(i for i, texte in enumerate(lignes) if texte.startswith(reference))
    assert all("Urgence" in texte for texte in lignes[: rang + 1]), lignes[: rang + 1]
    ligne.get_by_role("link", name=reference).click()
    expect(agent.locator(".transcription")).to_contain_text("il me frappe")
    assert violations(agent) == []
    agent.get_by_label("Votre réponse").fill("Bonjour Samia, je vous appelle tout de suite.")
    agent.get_by_role("button", name="Envoyer la réponse").click()

    expect(journal).to_contain_text("Bonjour Samia, je vous appelle tout de suite.", timeout=15000)
    expect(statut).to_contain_text("Une personne de l'accueil vous a répondu.")
    agent.context.close()


@pytest.mark.parametrize("context", ["en", "ar"], indirect=True)
def test_widget_in_english_and_arabic_offers_a_human_at_once(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.locator(".assistant-lanceur").click()
    page.locator("#assistant-message").fill("hello")
    page.locator(".assistant-formulaire button[type=submit]").click()
    premier = page.locator("[role=log] li.message-assistant").first
    expect(premier).to_have_attribute("lang", re.compile("en|ar"))
    expect(premier.get_by_role("button")).to_have_count(1)
    assert violations(page) == []
