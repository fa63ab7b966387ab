"""Comprendre un courrier in a real Chromium: axe-clean in fr/en/ar, keyboard only, the listen
button (present, same text as on screen, page language, hidden where unsupported), print."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page, expect

from portal.courriers.signature import Parametres, sign_parametres
from tests.conftest import CONTENT_DIR, make_config
from tests.e2e.axe import violations
from tests.e2e.conftest import sign_in_agent
from tests.e2e.test_clavier import FOCUS_VISIBLE

ECHEANCE = date(2030, 12, 15)  # far enough from the real clock the live server runs on
CLE = make_config("sqlite://", Path("."))["SECRET_KEY"]
LANGUES = ["fr", "en", "ar"]

# A speech engine that records what it is asked to say (headless Chromium has no voice).
FAUSSE_SYNTHESE = """
(() => {
  const sans = window.__sansVoix || [];
  const voix = [{lang: "fr-FR", name: "Amelie"}, {lang: "en-GB", name: "Daniel"},
                {lang: "ar-SA", name: "Maged"}].filter(v => !sans.includes(v.lang));
  window.__phrases = [];
  window.SpeechSynthesisUtterance = class {
    constructor(texte) { this.text = texte; this.lang = ""; this.voice = null; this.ecoute = {}; }
    addEventListener(nom, f) { (this.ecoute[nom] = this.ecoute[nom] || []).push(f); }
  };
  const synthese = {
    getVoices: () => voix,
    speak: (phrase) => window.__phrases.push(phrase),
    cancel: () => { window.__annulations = (window.__annulations || 0) + 1; },
    addEventListener: () => {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: synthese, configurable: true});
  window.__finir = () => {
    const derniere = window.__phrases[window.__phrases.length - 1];
    (derniere.ecoute.end || []).forEach(f => f({}));
  };
})();
"""


def _signe(code: str, echeance: date | None = ECHEANCE, lieu: str | None = "msd-evreux") -> str:
    query = sign_parametres(code, Parametres(echeance=echeance, lieu=lieu), keys=[CLE])
    return f"/c/{code}?{urlencode(query)}"


def _courrier(code: str) -> dict:
    return yaml.safe_load((CONTENT_DIR / "courriers" / f"{code.lower()}.yml").read_text())


PAGES = [
    "/courrier",
    "/courrier?code=rsa-ctlr",
    "/courrier?code=",
    _signe("RSA-CTRL"),
    "/c/PCH-DEC",
    "/c/RSA-CTRL/merci",
]


@pytest.mark.parametrize("context", LANGUES, indirect=True)
@pytest.mark.parametrize("chemin", PAGES)
def test_axe_finds_nothing(page: Page, live_server: str, chemin: str) -> None:
    page.goto(live_server + chemin)
    assert violations(page) == []


@pytest.mark.parametrize("context", LANGUES, indirect=True)
def test_axe_on_the_feedback_error(page: Page, live_server: str) -> None:
    page.goto(live_server + "/c/APA-PLAN")
    page.locator("#commentaire").fill("Je ne sais pas quoi répondre")
    page.locator(".avis button[type=submit]").click()
    expect(page.locator("#utile-erreur")).to_be_visible()
    expect(page.locator("#commentaire")).to_have_value("Je ne sais pas quoi répondre")
    assert violations(page) == []


@pytest.mark.parametrize("chemin", ["/courrier", _signe("RSA-CTRL")])
def test_reflow_at_320_px(page: Page, live_server: str, chemin: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + chemin)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def _tab_to(page: Page, condition: str, limite: int = 60) -> None:
    for _ in range(limite):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {condition}; }})()"):
            return
    raise AssertionError(f"jamais atteint au clavier : {condition}")


def test_from_a_typed_code_with_a_typo_to_the_answer_with_the_keyboard_only(
    context: BrowserContext, live_server: str
) -> None:
    context.add_init_script(FAUSSE_SYNTHESE)
    page = context.new_page()
    page.goto(live_server + "/courrier")
    _tab_to(page, "el.id === 'code'")
    page.keyboard.type("rsa ctlr")
    page.keyboard.press("Enter")
    page.wait_for_url("**/courrier?code=rsa+ctlr")
    _tab_to(page, "(el.getAttribute('href') || '').startsWith('/c/RSA-CTRL?via=saisie')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/c/RSA-CTRL?via=saisie")
    titre = page.get_by_role("heading", level=1)
    expect(titre).to_have_text("Contrôle du RSA : questionnaire sur votre situation")

    # Every control of the page is reached in order, with a visible focus.
    vus = []
    for _ in range(80):
        page.keyboard.press("Tab")
        etat = page.evaluate(FOCUS_VISIBLE)
        if etat["tag"] == "BODY" or (vus and etat == vus[0]):
            break
        vus.append(etat)
    assert all(v["outline"] for v in vus), [v for v in vus if not v["outline"]]
    textes = [v["text"] for v in vus]
    assert "Écouter l'explication" in textes and "Imprimer" in textes
    assert "Envoyer mon avis" in textes

    # Listen, then stop, with Enter.
    page.locator("[data-ecouter]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-ecouter]")).to_have_text("Arrêter la lecture")
    expect(page.locator("#lecture-statut")).to_have_text("Lecture en cours.")
    page.keyboard.press("Enter")
    expect(page.locator("[data-ecouter]")).to_have_text("Écouter l'explication")
    expect(page.locator("#lecture-statut")).to_have_text("Lecture arrêtée.")

    # Answer "Oui" with a comment, keyboard only.
    page.locator("#utile-0").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.type("Clair, merci.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Envoyer mon avis"
    page.keyboard.press("Enter")
    page.wait_for_url("**/c/RSA-CTRL/merci#contenu")
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci pour votre avis")
    page.close()


@pytest.mark.parametrize("langue", LANGUES)
def test_the_listen_button_reads_the_text_on_screen_in_the_page_language(
    browser, live_server: str, langue: str  # type: ignore[no-untyped-def]
) -> None:
    context = browser.new_context(locale=langue)
    context.add_init_script(FAUSSE_SYNTHESE)
    page = context.new_page()
    page.goto(live_server + _signe("RSA-CTRL"))
    bouton = page.locator("[data-ecouter]")
    expect(bouton).to_be_visible()
    expect(bouton).to_have_role("button")
    bouton.click()
    lu = page.evaluate("window.__phrases.map(p => [p.text, p.lang, p.voice && p.voice.name])")
    assert {l_ for _t, l_, _v in lu} == {langue}
    assert {v for _t, _l, v in lu} == {{"fr": "Amelie", "en": "Daniel", "ar": "Maged"}[langue]}
    phrases = [t for t, _l, _v in lu]
    courrier = _courrier("RSA-CTRL")
    attendues = [courrier["titre"][langue], courrier["pourquoi"][langue], courrier["sinon"][langue]]
    attendues += [etape[langue] for etape in courrier["etapes"]]
    for texte in attendues:
        assert texte in phrases, texte
    echeance = courrier["echeance"][langue].split("{date}")[0]
    assert any(p.startswith(echeance) and "2030" in p for p in phrases)
    # Exactly the text on screen: nothing hidden is read, nothing shown is skipped.
    visible = page.evaluate(
        "[...document.querySelectorAll('[data-lecture]')].map(b => b.innerText).join('\\n')"
    )
    assert phrases == [ligne.strip() for ligne in visible.split("\n") if ligne.strip()]
    assert "Envoyer mon avis" not in " ".join(phrases)
    libelle_arreter = bouton.inner_text()
    page.evaluate("window.__finir()")  # the engine says it has finished
    expect(page.locator("#lecture-statut")).not_to_be_empty()
    expect(bouton).not_to_have_text(libelle_arreter)
    context.close()


def test_the_listen_button_is_present_without_a_known_voice_list(
    page: Page, live_server: str
) -> None:
    """Headless Chromium lists no voice: the browser may still have one, the button shows."""
    page.goto(live_server + "/c/APA-PLAN")
    expect(page.locator("[data-ecouter]")).to_be_visible()
    expect(page.get_by_role("button", name="Écouter l'explication")).to_be_visible()


def test_hidden_where_speech_is_unsupported_or_no_voice_speaks_the_language(
    browser, live_server: str  # type: ignore[no-untyped-def]
) -> None:
    sans = browser.new_context(locale="fr")
    sans.add_init_script("delete window.SpeechSynthesisUtterance;")
    page = sans.new_page()
    page.goto(live_server + "/c/APA-PLAN")
    expect(page.locator("[data-ecouter]")).to_be_hidden()
    expect(page.locator("[data-imprimer]")).to_be_visible()
    sans.close()

    arabe = browser.new_context(locale="ar")
    arabe.add_init_script("window.__sansVoix = ['ar-SA'];" + FAUSSE_SYNTHESE)
    page = arabe.new_page()
    page.goto(live_server + "/c/APA-PLAN")
    expect(page.locator("[data-ecouter]")).to_be_hidden()
    arabe.close()


def test_without_javascript_the_page_works_and_shows_no_dead_button(
    browser, live_server: str  # type: ignore[no-untyped-def]
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr")
    page = context.new_page()
    page.goto(live_server + _signe("RSA-CTRL"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("[data-ecouter]")).to_be_hidden()
    expect(page.locator("[data-imprimer]")).to_be_hidden()
    expect(page.locator(".echeance")).to_contain_text("15 décembre 2030")
    context.close()


def test_the_print_view(context: BrowserContext, live_server: str) -> None:
    context.add_init_script("window.print = () => { window.__imprime = 1; }")
    page = context.new_page()
    page.goto(live_server + _signe("RSA-CTRL"))
    page.get_by_role("button", name="Imprimer").click()
    assert page.evaluate("window.__imprime") == 1

    page.emulate_media(media="print")
    for cache in (".entete", ".pied", ".outils-lecture", ".avis", ".a-relire", ".langues"):
        expect(page.locator(cache).first).to_be_hidden()
    for garde in ("h1", "#explication", ".echeance", ".lieu-courrier", ".boutons-aide"):
        expect(page.locator(garde).first).to_be_visible()
    expect(page.locator(".courrier-pied")).to_contain_text("/c/RSA-CTRL")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()


def test_the_print_teams_page_for_admins(page: Page, live_server: str) -> None:
    sign_in_agent(page, live_server, role="admin")
    page.goto(live_server + "/agent/courriers")
    expect(page.get_by_role("heading", level=1)).to_have_text("QR codes des courriers")
    assert violations(page) == []
    _tab_to(page, "(el.getAttribute('href') || '').endsWith('/RSA-CTRL/qr.svg')", limite=120)
    with page.expect_download() as telechargement:
        page.keyboard.press("Enter")
    assert telechargement.value.suggested_filename == "qr-RSA-CTRL.svg"
