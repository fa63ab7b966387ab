"""Keyboard only: every link and field is reached with Tab, with a visible focus."""

from __future__ import annotations

from playwright.sync_api import Page

FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def _tab_through(page: Page, limite: int = 80) -> list[dict]:
    vus: list[dict] = []
    for _ in range(limite):
        page.keyboard.press("Tab")
        etat = page.evaluate(FOCUS_VISIBLE)
        if etat["tag"] == "BODY" or (vus and etat == vus[0]):
            break
        vus.append(etat)
    return vus


def test_home_page_with_tab_only(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    vus = _tab_through(page)
    assert vus[0]["text"] == "Aller au contenu"
    assert all(v["outline"] for v in vus), [v for v in vus if not v["outline"]]
    liens = page.locator("a:visible, button:visible, input:visible").count()
    assert len(vus) == liens
    assert "Urgence" in [v["text"] for v in vus]


def test_skip_link_moves_focus_to_the_content(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    page.keyboard.press("Tab")
    premier = page.evaluate("document.activeElement.closest('main') !== null")
    assert premier


def test_find_a_place_with_the_keyboard_only(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Trouver un lieu":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/lieux")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "INPUT":
            break
    page.keyboard.type("evreux")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lieux?commune=evreux")
    assert page.get_by_role("heading", level=1).inner_text() == "Lieux d'accueil pour Évreux"
    vus = _tab_through(page)
    assert all(v["outline"] for v in vus)
    assert any(v["text"].startswith("Appeler") for v in vus)


def test_disambiguation_with_the_keyboard(page: Page, live_server: str) -> None:
    page.goto(live_server + "/lieux?commune=27400")
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if href.startswith("/lieux?code="):
            break
    else:
        raise AssertionError("aucun choix de commune atteint au clavier")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lieux?code=*")
    assert "Lieux d'accueil pour" in page.get_by_role("heading", level=1).inner_text()
