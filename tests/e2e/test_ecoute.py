"""Listening without installed voices, in a real Chromium: the recording of a letter made by
espeak-ng plays (duration > 0, time advancing), with the keyboard, and the file served for
Arabic is the Arabic one. Its own portal, whose var/audio holds the recordings of one letter."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from alembic import command
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from portal import create_app
from portal.courriers import audio
from portal.migrations import alembic_config
from tests.conftest import make_config
from tests.e2e.axe import violations

CODE = "RSA-CTRL"


@pytest.fixture(scope="module")
def portail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Flask]]:
    tmp = tmp_path_factory.mktemp("ecoute")
    url = f"sqlite:///{tmp / 'ecoute.db'}"
    command.upgrade(alembic_config(url), "head")
    app = create_app(make_config(url, tmp, NOW=None))
    catalogue = app.extensions["catalogue"]
    with app.test_request_context():
        enregistrements = [audio.enregistrement_courrier(catalogue.courriers[CODE], langue)
                           for langue in ("fr", "ar")]
        enregistrements.append(audio.enregistrement_urgence(catalogue, "ar"))
        audio.genere(enregistrements, audio.dossier_audio())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", app
    server.shutdown()


def _nom(app: Flask, langue: str) -> str:
    with app.test_request_context():
        courrier = app.extensions["catalogue"].courriers[CODE]
        return audio.enregistrement_courrier(courrier, langue).nom


def test_the_arabic_recording_plays_with_the_keyboard(
    browser: Browser, portail: tuple[str, Flask]
) -> None:
    base, app = portail
    context = browser.new_context(locale="ar", viewport={"width": 360, "height": 640})
    page: Page = context.new_page()
    page.goto(f"{base}/c/{CODE}")
    bouton = page.locator("[data-lire-enregistrement]")
    expect(bouton).to_be_visible()
    expect(bouton).to_have_text("الاستماع إلى التسجيل")
    bouton.focus()
    page.keyboard.press("Enter")
    lecteur = page.locator("#enregistrement")
    for _essai in range(100):  # the page's CSP forbids wait_for_function's string eval
        if lecteur.evaluate("a => a.currentTime") > 0.5:
            break
        page.wait_for_timeout(200)
    etat = lecteur.evaluate(
        "a => ({src: a.currentSrc, duree: a.duration, temps: a.currentTime, pause: a.paused})"
    )
    assert etat["duree"] > 10 and etat["temps"] > 0.5 and not etat["pause"]
    # The file played is the Arabic recording of this letter, in Ogg Opus (the first source).
    assert etat["src"].endswith(f"/audio/{_nom(app, 'ar')}.ogg")
    assert _nom(app, "ar") != _nom(app, "fr")
    expect(bouton).to_have_text("إيقاف مؤقت")
    page.keyboard.press("Enter")  # pause, still with the keyboard
    expect(page.locator("#ecoute-statut")).to_have_text("القراءة متوقفة مؤقتًا.")
    arret = lecteur.evaluate("a => a.currentTime")
    page.wait_for_timeout(700)
    assert lecteur.evaluate("a => a.paused && a.currentTime") == arret
    assert violations(page) == []
    context.close()


def test_the_french_page_offers_the_french_file_and_the_transcript(
    browser: Browser, portail: tuple[str, Flask]
) -> None:
    base, app = portail
    context = browser.new_context(locale="fr")
    page = context.new_page()
    page.goto(f"{base}/c/{CODE}")
    sources = page.locator("#enregistrement source").evaluate_all("s => s.map(e => e.src)")
    assert sources == [f"{base}/audio/{_nom(app, 'fr')}.ogg", f"{base}/audio/{_nom(app, 'fr')}.mp3"]
    duree = page.evaluate("""() => new Promise(ok => {
        const a = document.getElementById('enregistrement');
        a.addEventListener('loadedmetadata', () => ok(a.duration));
        a.preload = 'metadata'; a.load();
    })""")
    assert duree > 10
    page.get_by_text("Le texte de l'enregistrement").click()
    courrier = app.extensions["catalogue"].courriers[CODE]
    expect(page.locator(".transcription")).to_contain_text(courrier.pourquoi.fr)
    assert violations(page) == []
    context.close()


def test_the_emergency_page_recording_in_arabic(
    browser: Browser, portail: tuple[str, Flask]
) -> None:
    base, _app = portail
    context = browser.new_context(locale="ar")
    page = context.new_page()
    page.goto(f"{base}/urgence")
    expect(page.locator("[data-lire-enregistrement]")).to_be_visible()
    assert "-ar-" in page.locator("#enregistrement source").first.get_attribute("src")
    assert violations(page) == []
    context.close()
