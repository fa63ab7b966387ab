"""Premier accueil, end to end: a person asks for a human in the chat; the demande appears in
the queue without a reload; an agent, with the keyboard only, takes it, answers in the chat,
books a rendez-vous for the person, orients with a fiche de liaison, prints it and closes.
The journal shows each step and the indicators count it. axe finds nothing on the way.

Rasa is not running here (the portal's own path: the person is offered the hand-off form at
once); the same journey with the real Rasa server runs in `make bot-test`.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.axe import violations
from tests.e2e.conftest import sign_in_agent
from tests.e2e.widget import laisser_la_demande


def _activer(element: Locator) -> None:
    """A keyboard user's click: focus, then Enter."""
    element.focus()
    element.page.keyboard.press("Enter")


def _taper(champ: Locator, texte: str) -> None:
    champ.focus()
    champ.page.keyboard.type(texte)


def _demander_un_humain(page: Page, live_server: str) -> str:
    page.goto(live_server + "/")
    lanceur = page.get_by_role("button", name="Poser une question", exact=True)
    _activer(lanceur)
    page.keyboard.type("je voudrais parler a quelqu un pour mon loyer svp")
    _activer(page.get_by_role("button", name="Envoyer", exact=True))
    return laisser_la_demande(page, prenom="Nadia", commune="Évreux")


def test_from_the_chat_to_the_closed_demande(
    page: Page, live_server: str, browser: Browser
) -> None:
    agent = browser.new_context(locale="fr", viewport={"width": 1280, "height": 900}).new_page()
    erreurs_csp: list[str] = []
    agent.on("console", lambda m: erreurs_csp.append(m.text)
             if "Content Security Policy" in m.text else None)
    sign_in_agent(agent, live_server)
    agent.goto(live_server + "/agent/accueil")
    assert violations(agent) == []
    filtrer = agent.get_by_role("button", name="Filtrer", exact=True)
    filtrer.focus()

    reference = _demander_un_humain(page, live_server)

    # It arrives without a reload, is announced in the status line, and the focus stays put.
    ligne = agent.get_by_role("row", name=re.compile(reference))
    expect(ligne).to_be_visible(timeout=15000)
    expect(agent.get_by_role("status")).to_contain_text("nouvelle demande")
    assert agent.evaluate("document.activeElement.textContent.trim()") == "Filtrer"

    _activer(ligne.get_by_role("link", name=reference))
    agent.wait_for_url(f"**/agent/accueil/{reference}")
    expect(agent.locator(".transcription")).to_contain_text("parler a quelqu un")
    assert violations(agent) == []
    _activer(agent.get_by_role("button", name="Prendre en charge"))
    expect(agent.locator(".messages[role=status]")).to_contain_text("Vous avez pris en charge")

    _taper(agent.get_by_label("Votre réponse"), "Bonjour Nadia, je regarde votre dossier.")
    _activer(agent.get_by_role("button", name="Envoyer la réponse"))
    expect(page.locator("[role=log]")).to_contain_text("je regarde votre dossier", timeout=15000)

    # A rendez-vous for the person, from the demande: what she said is not asked again.
    _activer(agent.get_by_role("link", name="Prendre un rendez-vous pour la personne"))
    agent.get_by_label("Motif").select_option(index=0)
    _activer(agent.get_by_role("button", name="Voir les horaires libres"))
    _activer(agent.get_by_role("link", name=re.compile("^Choisir cet horaire")))
    expect(agent.get_by_label("Prénom")).to_have_value("Nadia")
    _taper(agent.get_by_label("Nom de famille"), "Benali")
    # She chose to stay on the chat: the agent asks her a number for the SMS reminder.
    _taper(agent.get_by_label("Téléphone portable"), "06 12 34 56 78")
    assert violations(agent) == []
    _activer(agent.get_by_role("button", name="Créer le rendez-vous"))
    agent.wait_for_url(f"**/agent/accueil/{reference}")
    expect(agent.locator(".etat")).to_contain_text("Rendez-vous pris")

    # Orientation and its fiche de liaison, printed.
    agent.get_by_label("Orienter vers").select_option(label="CAF de l'Eure")
    _taper(agent.get_by_label("Situation de la personne"), "Loyer en retard depuis 2 mois.")
    _taper(agent.get_by_label("Demande de la personne"), "Vérifier son aide au logement.")
    agent.get_by_label(re.compile("La personne est d'accord")).focus()
    agent.keyboard.press("Space")
    _activer(agent.get_by_role("button", name="Orienter et préparer la fiche de liaison"))
    expect(agent.locator(".messages[role=status]")).to_contain_text("Orientation enregistrée")
    _activer(agent.get_by_role("link", name="Imprimer la fiche"))
    fiche = agent.locator(".fiche-liaison")
    for attendu in ("Nadia", "Loyer en retard", "CAF de l'Eure", "d'accord pour que"):
        expect(fiche).to_contain_text(attendu)
    assert violations(agent) == []
    agent.emulate_media(media="print")
    expect(agent.get_by_role("link", name="Retour à la demande")).to_be_hidden()
    agent.emulate_media(media="screen")
    _activer(agent.get_by_role("link", name="Retour à la demande"))

    agent.get_by_label("Comment s'est terminée la demande ?").select_option("oriente")
    _activer(agent.get_by_role("button", name="Clore la demande"))
    agent.wait_for_url("**/agent/accueil")
    expect(agent.get_by_role("status").first).to_contain_text(f"Demande {reference} close")
    expect(page.locator("[role=log]")).to_contain_text("a terminé", timeout=15000)
    agent.context.close()

    admin = browser.new_context(locale="fr").new_page()
    sign_in_agent(admin, live_server, role="admin")
    admin.goto(f"{live_server}/agent/journal?reference={reference}")
    journal = admin.locator("table tbody")
    for etape in ("Demande reçue", "Lecture", "Prise en charge", "Réponse sur le chat",
                  "Rendez-vous pris", "Orientation", "Close"):
        expect(journal).to_contain_text(etape)
    assert "Nadia" not in journal.inner_text()  # codes, not personal data
    assert violations(admin) == []
    admin.goto(live_server + "/agent/indicateurs")
    expect(admin.locator("main")).to_contain_text("CAF de l'Eure")
    admin.context.close()
    assert erreurs_csp == []


def test_phone_demande_form_is_accessible_even_with_errors(page: Page, live_server: str) -> None:
    sign_in_agent(page, live_server)
    page.goto(live_server + "/agent/accueil/nouvelle")
    assert violations(page) == []
    _taper(page.get_by_label("Ce que la personne demande"), "Elle n'a plus de chauffage.")
    _activer(page.get_by_role("button", name="Enregistrer la demande"))
    expect(page.get_by_role("alert")).to_contain_text("Il y a un problème")
    expect(page.get_by_label("Ce que la personne demande")).to_have_value(
        "Elle n'a plus de chauffage.")
    assert violations(page) == []
