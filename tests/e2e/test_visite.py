"""A shared browser: after "Effacer ce que j'ai fait ici", Back and reload show nothing of the
person who just left (no name, phone or answer in the page or its fields)."""

from __future__ import annotations

from playwright.sync_api import Page

CRENEAU = "/rendez-vous/creneau?code=27229&motif=dossier_apa&lieu=msd-evreux"
TRACES = ["Gérard", "Lefèvre", "06 98 76 54 32", "Louviers"]


def _traces(page: Page) -> list[str]:
    """What of the person is in the page's HTML or in the values of its fields."""
    html = page.content()
    valeurs = page.eval_on_selector_all(
        "input, textarea, select", "els => els.map(e => e.value).join(' ')"
    )
    return [t for t in TRACES if t in html or t in valeurs]


def test_back_after_erasing_shows_nothing_of_the_person(page: Page, live_server: str) -> None:
    page.goto(live_server + "/mes-droits/commune")
    page.locator("#reponse").fill("Louviers")
    page.locator("button.bouton-continuer").click()
    page.wait_for_url("**/mes-droits/naissance")
    page.goto(live_server + CRENEAU)
    page.locator(".semaines li:last-child a").click()
    page.locator(".creneaux a").first.click()
    page.wait_for_url("**/rendez-vous/coordonnees?*")
    page.locator("#prenom").fill("Gérard")
    page.locator("#nom").fill("Lefèvre")
    page.locator("#telephone").fill("06 98 76 54 32")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/rendez-vous/confirme")
    assert page.locator(".confirme h1").count() == 1

    page.get_by_role("button", name="Effacer ce que j'ai fait ici").click()
    page.wait_for_url(live_server + "/")
    assert "C'est effacé" in page.content()
    vus = []
    for _ in range(4):
        page.go_back()
        page.wait_for_load_state()
        vus.append((page.url, _traces(page)))
        page.reload()
        vus.append((page.url + " (rechargée)", _traces(page)))
    assert [v for v in vus if v[1]] == [], vus
