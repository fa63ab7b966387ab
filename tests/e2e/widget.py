"""What a person does in the chat widget, shared by the browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def laisser_la_demande(page: Page, *, prenom: str, commune: str) -> str:
    """Fills the short hand-off form (staying on the chat) and returns the reference shown."""
    expect(page.get_by_label("Votre prénom")).to_be_visible()
    page.get_by_label("Votre prénom").fill(prenom)
    page.get_by_label("Votre commune", exact=True).fill(commune)
    page.get_by_label("Je reste sur le chat").check()
    page.get_by_label(re.compile("J'accepte que le Département garde")).check()
    page.get_by_role("button", name="Envoyer à l'accueil").click()
    statut = page.locator(".assistant-statut")
    expect(statut).to_contain_text("Référence")
    trouve = re.search(r"D[0-9A-Z]{7}", statut.inner_text())
    assert trouve, statut.inner_text()
    return trouve.group(0)
