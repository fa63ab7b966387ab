"""Browser helpers shared by the journeys that go through "Mes droits" (the kiosk, the
conseiller under a mandate): the given answers first, then the simplest answer to any other
question, until the results."""

from __future__ import annotations

from playwright.sync_api import Page


def simuler(page: Page, debut: str, reponses: list[tuple[str, dict[str, str]]]) -> None:
    """From the first question at `debut` (a URL) to the results page."""
    page.goto(debut)
    for _etape, champs in reponses:
        for selecteur, valeur in champs.items():
            if selecteur == "radio":
                page.locator(f"input[type=radio][value={valeur}]").check()
            else:
                page.locator(selecteur).fill(valeur)
        page.locator("button.bouton-continuer").click()
        page.wait_for_load_state()
    # The rest of the questions: the last choice, or a small number.
    for _ in range(25):
        if "/resultats" in page.url:
            return
        if page.locator("input[type=radio]").count():
            page.locator("input[type=radio]").last.check()
        elif page.locator("#reponse").count():
            page.locator("#reponse").fill("0")
        page.locator("button.bouton-continuer").click()
        page.wait_for_load_state()
    raise AssertionError(f"pas de résultats : {page.url}")
