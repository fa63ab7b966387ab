"""Être recontacté in an urgence, in the widget, on a Sunday at 21:00 (the clock set): a first
name and a phone are enough, an error sits beside its own field, and once sent the red message
goes and the receipt shows once, with the emergency number that fits first, then honestly when
the accueil opens (no closed office to call)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.axe import violations
from tests.e2e.conftest import Horloge

DIMANCHE_21H = datetime(2026, 12, 13, 21, 0, tzinfo=ZoneInfo("Europe/Paris"))


def test_urgent_callback_from_the_widget_on_sunday_evening(
    page: Page, live_server: str, horloge: Horloge
) -> None:
    horloge.fixe = DIMANCHE_21H
    page.goto(live_server + "/")
    page.get_by_role("button", name="Poser une question", exact=True).click()
    page.get_by_label("Votre message").fill("je dors dans ma voiture depuis 3 jours")
    page.get_by_role("button", name="Envoyer", exact=True).click()
    page.get_by_role("button", name="Oui, être recontacté").click()

    formulaire = page.locator("form.assistant-relais")
    page.get_by_label("Par téléphone").check()
    page.get_by_label("Numéro de téléphone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Envoyer à l'accueil").click()
    erreur = formulaire.locator(".erreur.js")
    expect(erreur).to_have_count(1)  # the first name only: no commune, no box to tick
    champ_prenom = formulaire.locator(".champ", has=page.get_by_label("Votre prénom"))
    expect(champ_prenom.locator(".erreur.js")).to_have_count(1)
    # Beside its field: after the label, before the input (not above the next field's label).
    assert champ_prenom.evaluate(
        "c => c.querySelector('.erreur.js').nextElementSibling === c.querySelector('input')"
    )
    expect(page.locator(".assistant-alerte")).not_to_be_empty()
    assert violations(page) == []

    page.get_by_label("Votre prénom").fill("Jo")
    page.get_by_role("button", name="Envoyer à l'accueil").click()
    statut = page.locator(".assistant-statut")
    expect(statut).to_contain_text("Référence")
    expect(page.locator(".assistant-alerte")).to_be_empty()
    recus = page.locator("[role=log] li", has_text="Votre demande est enregistrée")
    expect(recus).to_have_count(1)
    page.wait_for_timeout(6000)  # one more poll of the conversation: still once
    expect(recus).to_have_count(1)
    texte = recus.first.inner_text()
    assert re.search(r"115", texte) and texte.index("115") < texte.index("Votre demande")
    assert "L'accueil est fermé en ce moment. Il ouvre lundi 14 décembre" in texte, texte
    assert "Vous pouvez aussi appeler" not in texte
