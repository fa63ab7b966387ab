"""The done-when test of the kiosk mode (#20), in a real Chromium standing for a portrait kiosk:
1080×1920 at 200 % zoom, made with device_scale_factor=2 on a 540×960 CSS viewport (what
Chromium lays out at 200 % zoom on a 1080×1920 screen).

A person simulates, books, prints her ticket (print media, screenshot), chats, and walks away;
the inactivity warning comes (the clock is Playwright's, moved forward), then the reset; Back
three times and reload show nothing of hers; her manage page asks its 3 letters; the next
person's chat starts empty. axe finds nothing at the kiosk in fr, en and ar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import MOT_DE_PASSE
from tests.e2e.axe import violations
from tests.e2e.parcours import serveur_chaud, simuler

KIOSQUE = {"viewport": {"width": 540, "height": 960}, "device_scale_factor": 2,
           "has_touch": True}
CRENEAU = "/rendez-vous/creneau?code=27229&motif=dossier_apa&lieu=msd-evreux"
TRACES = ["Gérard", "Lefèvre", "02 32 76 54 32", "32 76 54 32", "Louviers", "Mon loyer"]
REPONSES: list[tuple[str, dict[str, str]]] = [
    ("commune", {"#reponse": "Louviers"}),
    ("naissance", {"#reponse-jour": "12", "#reponse-mois": "3", "#reponse-annee": "1948"}),
    ("activite", {"radio": "retraite"}),
]


@pytest.fixture(scope="module")
def serveur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The portal with a warm simulator, the demo data and an accueil agent of Évreux."""
    with serveur_chaud(tmp_path_factory.mktemp("borne"), email="e2e.borne@exemple.fr",
                       role="accueil") as url:
        yield url


def _devenir_borne(page: Page, serveur: str) -> None:
    """An agent signs in on the device and turns it into a kiosk of the MSD of Évreux."""
    page.goto(serveur + "/agent/connexion")
    page.get_by_label("Adresse e-mail professionnelle").fill("e2e.borne@exemple.fr")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.keyboard.press("Enter")
    page.wait_for_url("**/agent/")
    page.goto(serveur + "/agent/borne")
    page.get_by_label("Lieu de la borne").select_option("msd-evreux")
    page.get_by_label("Nom de la borne").fill("Borne de l'entrée")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(serveur + "/")
    expect(page.get_by_role("button", name="J'ai terminé", exact=True)).to_be_visible()


@pytest.fixture
def borne(browser: Browser, serveur: str) -> Iterator[Page]:
    context = browser.new_context(locale="fr", **KIOSQUE)
    page = context.new_page()
    _devenir_borne(page, serveur)
    yield page
    context.close()


def _traces(page: Page) -> list[str]:
    html = page.content()
    valeurs = page.eval_on_selector_all(
        "input, textarea, select", "els => els.map(e => e.value).join(' ')"
    )
    return [t for t in TRACES if t in html or t in valeurs]


def _simuler(page: Page, serveur: str) -> None:
    simuler(page, serveur + "/mes-droits/commune", REPONSES)


def _imprimer(page: Page, nom: str, dossier: Path) -> None:
    """The ticket page, as the printer gets it: only the ticket, with its QR code."""
    expect(page.locator(".ticket img[alt='Code QR']")).to_be_visible()
    expect(page.get_by_text("Montrez cet écran", exact=False)).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("header.entete")).to_be_hidden()
    expect(page.locator(".ticket-actions")).to_be_hidden()
    expect(page.locator(".ticket .reference, .ticket-aides, .ticket p").first).to_be_visible()
    boite = page.locator(".ticket").bounding_box()
    assert boite is not None and boite["y"] < 40  # the ticket starts the printed page
    chemin = dossier / f"ticket-{nom}.png"
    page.screenshot(path=str(chemin), full_page=True)
    assert chemin.stat().st_size > 5000
    page.emulate_media(media="screen")


def test_a_person_at_a_kiosk_leaves_nothing_behind(
    borne: Page, serveur: str, tmp_path: Path
) -> None:
    page = borne
    _simuler(page, serveur)
    # At a kiosk, printing is the first thing offered after the results' heading.
    expect(page.locator("main h1 + form.action-ticket button")).to_have_text("Imprimer mon ticket")
    page.get_by_role("button", name="Imprimer mon ticket").click()
    page.wait_for_url("**/mes-droits/ticket?imprimer=1")
    _imprimer(page, "simulation", tmp_path)

    page.goto(serveur + CRENEAU)
    page.locator(".semaines li:last-child a").click()
    page.locator(".creneaux a").first.click()
    page.wait_for_url("**/rendez-vous/coordonnees?*")
    assert page.locator("form[autocomplete=off]").count() >= 1
    assert page.locator("input[autocomplete]:not([autocomplete=off])").count() == 0
    page.locator("#prenom").fill("Gérard")
    page.locator("#nom").fill("Lefèvre")
    # A landline, as issue #20 tells: accepted as "fixe", with the honest consequence.
    page.locator("#telephone_fixe").fill("02 32 76 54 32")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/rendez-vous/confirme")
    expect(page.locator(".sans-sms")).to_contain_text(
        "Nous ne pouvons pas vous envoyer de SMS : gardez ce ticket.")
    gestion = page.locator(".lien-gestion a").get_attribute("href")
    # At a kiosk, printing is the first thing to do on the confirmation page.
    premiere = page.locator("main a, main button").first
    expect(premiere).to_have_text("Imprimer mon ticket")
    premiere.click()
    page.wait_for_url("**/rendez-vous/confirme/ticket?imprimer=1")
    _imprimer(page, "rendez-vous", tmp_path)

    page.goto(serveur + "/assistant")
    page.locator("#message").fill("Mon loyer a augmenté")
    page.locator("#message").press("Enter")
    page.wait_for_load_state()

    # She walks away: the warning, one key to continue, then again and the reset.
    page.clock.install()
    page.clock.fast_forward("01:00")
    alerte = page.get_by_role("alertdialog", name="Êtes-vous toujours là ?")
    expect(alerte).to_be_hidden()
    page.goto(serveur + "/urgence")  # another page, without any input: the timer goes on
    page.clock.fast_forward("00:35")
    expect(alerte).to_be_visible()
    expect(page.locator("#borne-continuer")).to_be_focused()
    page.keyboard.press("Shift")
    expect(alerte).to_be_hidden()
    page.clock.fast_forward("01:35")
    expect(alerte).to_be_visible()
    page.clock.fast_forward("00:31")
    page.wait_for_url(serveur + "/")
    expect(page.get_by_text("la borne est prête pour la personne suivante")).to_be_visible()

    vus = []
    for _ in range(3):
        page.go_back()
        page.wait_for_load_state()
        vus.append((page.url, _traces(page)))
    page.reload()
    vus.append((page.url + " (rechargée)", _traces(page)))
    assert [v for v in vus if v[1]] == [], vus

    assert gestion
    page.goto(serveur + gestion)
    expect(page.locator("#lettres")).to_be_visible()  # the manage page asks its check
    page.goto(serveur + "/assistant")
    assert "Mon loyer" not in page.content()
    assert page.locator(".message-usager, .conversation li").count() == 0


@pytest.mark.parametrize("langue", ["fr", "en", "ar"])
def test_axe_finds_nothing_at_a_kiosk(browser: Browser, serveur: str, langue: str) -> None:
    context = browser.new_context(locale="fr", **KIOSQUE)  # the agent's language, then hers
    page = context.new_page()
    _devenir_borne(page, serveur)
    page.goto(f"{serveur}/langue/{langue}?suivant=/")
    problemes = {"/": violations(page)}
    page.goto(serveur + "/borne/lien?adresse=https%3A%2F%2Fwww.service-public.fr%2F")
    problemes["/borne/lien"] = violations(page)
    page.goto(serveur + "/urgence")
    page.clock.install()
    page.mouse.click(5, 300)
    page.clock.fast_forward("01:35")
    expect(page.locator("#borne-alerte")).to_be_visible()
    problemes["alerte"] = violations(page)
    assert re.search(r"\d+", page.locator("#borne-decompte").inner_text())
    context.close()
    assert {k: v for k, v in problemes.items() if v} == {}
