"""Issue 15, done when: a person and an agent exchange five messages each way, each side sees
every message without reload, in order, once; a row claimed by a colleague (a third context)
updates in place; after 15 minutes (clock moved) the agent's page locks, an urgent demande
arriving meanwhile is announced, and the password unlocks it without leaving the page."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Browser, Page, expect

from tests.conftest import MOT_DE_PASSE
from tests.e2e.axe import violations
from tests.e2e.conftest import RELEVE, Horloge, sign_in_agent
from tests.e2e.widget import laisser_la_demande

ATTENTE = 12_000  # ms: the widget asks every 5 s, the agent's pages every second here


def _ecrire(page: Page, texte: str) -> None:
    page.get_by_label("Votre message").fill(texte)
    page.get_by_role("button", name="Envoyer", exact=True).click()


def _demande(page: Page, live_server: str, texte: str, prenom: str = "Nadia") -> str:
    page.goto(live_server + "/")
    page.get_by_role("button", name="Poser une question", exact=True).click()
    _ecrire(page, texte)
    return laisser_la_demande(page, prenom=prenom, commune="Évreux")


def _agent(browser: Browser, live_server: str, role: str = "accueil") -> Page:
    agent = browser.new_context(locale="fr", viewport={"width": 1280, "height": 900}).new_page()
    sign_in_agent(agent, live_server, role)
    return agent


def _sans_rechargement(page: Page) -> None:
    page.evaluate("window.__meme_page = true")


def _meme_page(page: Page) -> bool:
    return bool(page.evaluate("window.__meme_page === true"))


def test_five_messages_each_way_live_in_order_once(
    page: Page, live_server: str, browser: Browser
) -> None:
    reference = _demande(page, live_server, "je voudrais parler a quelqu un pour mon loyer")
    agent = _agent(browser, live_server)
    agent.goto(f"{live_server}/agent/accueil/{reference}")
    agent.get_by_role("button", name="Prendre en charge").click()
    _sans_rechargement(agent)

    journal = page.locator("[role=log]")
    for i in range(1, 6):
        _ecrire(page, f"Message {i} de Nadia")
        # Her own message at once, with its state.
        sien = journal.locator("li.message-usager", has_text=f"Message {i} de Nadia")
        expect(sien).to_contain_text("Envoyé")
    transcription = agent.locator(".transcription")
    expect(transcription).to_contain_text("Message 5 de Nadia", timeout=ATTENTE)
    assert _meme_page(agent)
    expect(agent.locator("#annonce-demande")).to_have_text("Nouveau message de la personne.")
    textes = transcription.locator("li").all_inner_texts()
    siens = [re.sub(r"^[^:]+: ", "", t) for t in textes if "de Nadia" in t]
    assert siens == [f"Message {i} de Nadia" for i in range(1, 6)], siens

    for i in range(1, 6):
        agent.get_by_label("Votre réponse").fill(f"Réponse {i} de l'accueil")
        agent.get_by_role("button", name="Envoyer la réponse").click()
        expect(agent.locator(".messages")).to_contain_text("Réponse envoyée")
    expect(journal).to_contain_text("Réponse 5 de l'accueil", timeout=ATTENTE)
    page.wait_for_timeout(6000)  # one more round: nothing comes twice
    reponses = journal.locator("li.message-agent").all_inner_texts()
    assert [re.sub(r"^[^:]+: ", "", t) for t in reponses] == [
        f"Réponse {i} de l'accueil" for i in range(1, 6)], reponses
    ordre = journal.locator("li.message").all_inner_texts()
    siens = [t for t in ordre if "de Nadia" in t]
    assert len(siens) == 5 and all(s.count("Message") == 1 for s in siens)
    assert ordre.index(next(t for t in ordre if "Message 5" in t)) < ordre.index(
        next(t for t in ordre if "Réponse 1" in t))
    assert violations(page) == []
    agent.context.close()


def test_a_row_claimed_by_a_colleague_updates_in_place(
    page: Page, live_server: str, browser: Browser
) -> None:
    agent = _agent(browser, live_server)
    agent.goto(live_server + "/agent/accueil")
    reference = _demande(page, live_server, "je voudrais parler a quelqu un pour mes factures",
                         prenom="Lina")
    ligne = agent.locator(f"tr[data-reference='{reference}']")
    expect(ligne).to_be_visible(timeout=ATTENTE)
    expect(ligne).to_contain_text("Nouveau message")  # nobody has read her yet
    expect(agent).to_have_title(re.compile(r"^\(\d+\) File du premier accueil"))
    _sans_rechargement(agent)
    filtrer = agent.get_by_role("button", name="Filtrer", exact=True)
    filtrer.focus()

    collegue = _agent(browser, live_server, "admin")
    collegue.goto(f"{live_server}/agent/accueil/{reference}")
    collegue.get_by_role("button", name="Prendre en charge").click()
    expect(collegue.locator(".messages")).to_contain_text("Vous avez pris en charge")

    expect(ligne).to_contain_text("Prise en charge", timeout=ATTENTE)
    expect(ligne).to_contain_text("Dominique Essai")
    expect(ligne).not_to_contain_text("Nouveau message")  # the colleague read it
    expect(agent.get_by_role("status")).to_contain_text(f"Demande {reference} mise à jour")
    assert _meme_page(agent)
    assert agent.evaluate("document.activeElement.textContent.trim()") == "Filtrer"
    assert agent.locator(f"tr[data-reference='{reference}']").count() == 1
    # On a phone-sized screen the table scrolls in its own region, not the whole page.
    agent.set_viewport_size({"width": 360, "height": 640})
    expect(agent.get_by_role("region", name="Demandes à traiter")).to_be_visible()
    assert agent.evaluate("document.documentElement.scrollWidth") <= 360
    collegue.context.close()
    agent.context.close()


def test_idle_queue_locks_announces_an_urgent_one_and_unlocks_in_place(
    page: Page, live_server: str, browser: Browser, horloge: Horloge
) -> None:
    _demande(page, live_server, "je voudrais parler a quelqu un pour la cantine", prenom="Ines")
    agent = _agent(browser, live_server)
    agent.goto(live_server + "/agent/accueil")
    expect(agent.locator("#file-corps tr").first).to_be_visible()
    _sans_rechargement(agent)
    urgentes_avant = int(agent.locator("#compte-urgentes").inner_text().split()[0])
    horloge.decalage = timedelta(minutes=16)

    verrou = agent.get_by_role("region", name="Page verrouillée")
    expect(verrou).to_be_visible(timeout=ATTENTE)
    expect(agent.locator("#file-corps tr")).to_have_count(0)  # out of the page, not hidden
    assert "data-reference" not in agent.content()
    expect(agent.locator("#compte-total")).to_be_visible()
    expect(agent.locator("#verrou-urgentes")).to_contain_text("urgente")
    assert violations(agent) == []

    page = browser.new_context(locale="fr").new_page()  # another person
    page.goto(live_server + "/")
    page.get_by_role("button", name="Poser une question", exact=True).click()
    _ecrire(page, "je dors dans ma voiture depuis 3 jours")
    page.get_by_role("button", name="Oui, être recontacté").click()
    page.get_by_label("Votre prénom").fill("Jo")
    page.get_by_label("Par téléphone").check()
    page.get_by_label("Numéro de téléphone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Envoyer à l'accueil").click()
    expect(page.locator(".assistant-statut")).to_contain_text("Référence")

    expect(agent.get_by_role("status")).to_have_text(
        "Une demande urgente est arrivée dans la file.", timeout=ATTENTE)
    expect(agent).to_have_title(re.compile(r"^\(1\) "))
    # The queue's own counts keep updating while locked.
    expect(agent.locator("#compte-urgentes")).to_contain_text(f"{urgentes_avant + 1} urgente")
    assert "Jo" not in agent.locator("main").inner_text().split()

    champ = agent.get_by_label("Mot de passe")
    champ.fill("pas le bon")
    champ.press("Enter")
    expect(agent.locator("#verrou-erreur")).to_have_text("Mot de passe incorrect.")
    champ.fill(MOT_DE_PASSE)
    champ.press("Enter")
    expect(verrou).to_be_hidden(timeout=ATTENTE)
    expect(agent.locator("#file-corps tr").first).to_be_visible()
    assert _meme_page(agent)
    page.context.close()
    agent.context.close()


def test_the_scan_of_what_people_see_reads_the_chat(page: Page, live_server: str) -> None:
    """The check of every browser test (tests/e2e/releve.py) does read the chat's replies:
    a code typed here on purpose comes back in the reply and is found, then forgotten."""
    page.goto(live_server + "/")
    page.get_by_role("button", name="Poser une question", exact=True).click()
    _ecrire(page, "code_interne_pour_essai")
    expect(page.locator("li.message-usager")).to_contain_text("Envoyé")
    for _ in range(50):  # the recorder reads the reply when Playwright hands it the event
        if any("code_interne_pour_essai" in t for t in RELEVE.trouvees):
            break
        page.wait_for_timeout(100)
    assert any("code_interne_pour_essai" in t for t in RELEVE.trouvees), RELEVE.trouvees
    RELEVE.trouvees.clear()


def test_a_message_not_sent_can_be_sent_again_without_typing_it_again(
    page: Page, live_server: str
) -> None:
    page.goto(live_server + "/")
    page.get_by_role("button", name="Poser une question", exact=True).click()
    page.route("**/api/v1/chat", lambda route: route.abort())  # the network is gone
    _ecrire(page, "bonjour je voudrais de l'aide pour mon loyer")
    sien = page.locator("li.message-usager", has_text="mon loyer")
    expect(sien).to_contain_text("Non envoyé.")
    expect(page.locator(".assistant-alerte")).to_contain_text("connexion est perdue")
    page.unroute("**/api/v1/chat")
    sien.get_by_role("button", name="Réessayer").focus()
    page.keyboard.press("Enter")
    expect(sien).to_contain_text("Envoyé")
    expect(sien.get_by_role("button", name="Réessayer")).to_have_count(0)
    expect(page.locator(".assistant-alerte")).to_be_empty()
    expect(page.locator("li.message-usager")).to_have_count(1)  # once, not twice
    assert violations(page) == []


def test_a_locked_demande_page_keeps_what_the_agent_was_typing(
    page: Page, live_server: str, browser: Browser, horloge: Horloge
) -> None:
    reference = _demande(page, live_server, "je voudrais parler a quelqu un pour ma facture",
                         prenom="Rose")
    agent = _agent(browser, live_server)
    agent.goto(f"{live_server}/agent/accueil/{reference}")
    agent.get_by_label("Votre réponse").fill("Bonjour Rose, je regarde")
    _sans_rechargement(agent)
    horloge.decalage = timedelta(minutes=16)
    expect(agent.get_by_role("region", name="Page verrouillée")).to_be_visible(timeout=ATTENTE)
    expect(agent.locator(".transcription")).to_have_count(0)
    assert "Rose" not in agent.content()
    agent.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    agent.get_by_role("button", name="Déverrouiller").click()
    expect(agent.locator(".transcription")).to_contain_text("ma facture", timeout=ATTENTE)
    expect(agent.get_by_label("Votre réponse")).to_have_value("Bonjour Rose, je regarde")
    assert _meme_page(agent)
    agent.context.close()
