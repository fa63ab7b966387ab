"""GET /c/<code>: the explanation in each language, its signed details, its counters."""

from __future__ import annotations

import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.integration.courriers.conftest import Signe, compteurs

LANGUES = [("fr", "ltr"), ("en", "ltr"), ("ar", "rtl")]


@pytest.mark.parametrize(("langue", "direction"), LANGUES)
def test_the_explanation_in_each_language(
    client: FlaskClient, catalogue, langue: str, direction: str  # type: ignore[no-untyped-def]
) -> None:
    courrier = catalogue.courriers["RSA-CTRL"]
    response = client.get("/c/RSA-CTRL", headers={"Accept-Language": langue})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{langue}" dir="{direction}">' in html
    for texte in (courrier.titre, courrier.pourquoi, courrier.sinon, *courrier.etapes):
        assert texte.en_langue(langue).replace("'", "&#39;") in html
    # Not yet re-read by beneficiaries: the page says so.
    assert 'class="a-relire"' in html
    # The listen and print buttons are there, hidden until the script finds them usable.
    assert re.search(r"<button[^>]*hidden[^>]*data-ecouter", html)
    assert re.search(r"<button[^>]*hidden[^>]*data-imprimer", html)
    assert '<script src="/static/js/courrier.js"></script>' in html
    assert "<script>" not in html and " style=" not in html


def test_every_letter_has_its_page(client: FlaskClient, catalogue) -> None:  # type: ignore[no-untyped-def]
    for code, courrier in catalogue.courriers.items():
        html = client.get(f"/c/{code}").get_data(as_text=True)
        assert courrier.titre.fr.replace("'", "&#39;") in html, code


@pytest.mark.parametrize("ecrit", ["rsa-ctrl", "RSACTRL", "Rsa-Ctrl"])
def test_the_code_ignores_case_and_dashes(client: FlaskClient, ecrit: str) -> None:
    response = client.get(f"/c/{ecrit}")
    assert response.status_code == 200
    assert "Contrôle du RSA" in response.get_data(as_text=True)


def test_signed_deadline_and_place_are_shown(client: FlaskClient, signe: Signe) -> None:
    query = signe("RSA-CTRL", echeance=date(2026, 12, 15), lieu="msd-evreux")
    html = client.get(f"/c/RSA-CTRL?{query}").get_data(as_text=True)
    assert "Renvoyez le questionnaire avant le 15 décembre 2026." in html
    assert "Maison des solidarités d&#39;Évreux" in html
    assert "Cette date est passée" not in html
    # The feedback form keeps them, so that an error page still shows them.
    assert f'action="/c/RSA-CTRL/avis?{query.replace("&", "&amp;")}#titre-avis"' in html


def test_signed_deadline_in_english_and_arabic(client: FlaskClient, signe: Signe) -> None:
    query = signe("RSA-CTRL", echeance=date(2026, 12, 15))
    en = client.get(f"/c/RSA-CTRL?{query}", headers={"Accept-Language": "en"})
    assert "Send the questionnaire back before December 15, 2026." in en.get_data(as_text=True)
    ar = client.get(f"/c/RSA-CTRL?{query}", headers={"Accept-Language": "ar"})
    assert "أعد الاستبيان قبل 15 ديسمبر 2026." in ar.get_data(as_text=True)


def test_a_passed_deadline_says_to_answer_anyway(client: FlaskClient, signe: Signe) -> None:
    query = signe("APA-PLAN", echeance=date(2026, 11, 1))  # the tests' clock: 23 Nov 2026
    html = client.get(f"/c/APA-PLAN?{query}").get_data(as_text=True)
    assert "Répondez avant le 1 novembre 2026." in html
    assert "Cette date est passée" in html


@pytest.mark.parametrize(
    "falsifie",
    [
        lambda q: q.replace("2026-12-15", "2027-01-31"),
        lambda q: q.replace("msd-evreux", "msd-vernon"),
        lambda q: q[:-3] + "xyz",
        lambda q: q.split("&s=")[0],
        lambda q: q.replace("e=2026-12-15", "e=pas-une-date"),
        lambda q: "e=%00%ff&s=" + "A" * 300,
    ],
)
def test_tampered_signature_shows_the_page_without_them(
    client: FlaskClient, signe: Signe, falsifie  # type: ignore[no-untyped-def]
) -> None:
    query = falsifie(signe("RSA-CTRL", echeance=date(2026, 12, 15), lieu="msd-evreux"))
    response = client.get(f"/c/RSA-CTRL?{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Contrôle du RSA" in html
    assert "avant le 15 décembre" not in html and "avant le 31 janvier" not in html
    assert 'class="lieu-courrier"' not in html and 'class="echeance' not in html


def test_a_signature_for_another_letter_is_ignored(client: FlaskClient, signe: Signe) -> None:
    query = signe("APA-PLAN", echeance=date(2026, 12, 15))
    html = client.get(f"/c/RSA-CTRL?{query}").get_data(as_text=True)
    assert "15 décembre" not in html


def test_unknown_code_gets_suggestions_and_the_list(client: FlaskClient) -> None:
    response = client.get("/c/RSA-CTLR")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Nous ne trouvons pas le code « RSA-CTLR »." in html
    assert 'href="/c/RSA-CTRL?via=saisie"' in html
    assert "Choisir votre courrier dans la liste" in html


def test_the_qr_codes_capital_path_opens_the_same_page(client: FlaskClient) -> None:
    response = client.get("/C/RSA-CTRL")
    assert response.status_code == 200
    assert "Contrôle du RSA" in response.get_data(as_text=True)


def test_a_scan_is_counted_once_per_visit_and_by_territory(
    app: Flask, client: FlaskClient, signe: Signe
) -> None:
    query = signe("RSA-CTRL", echeance=date(2026, 12, 15), lieu="msd-evreux")
    for _ in range(3):  # reloads, a change of language: one reading
        client.get(f"/c/RSA-CTRL?{query}")
    client.get("/c/APA-PLAN")
    assert compteurs(app, "courrier_scan") == {("RSA-CTRL", "evreux"): 1, ("APA-PLAN", ""): 1}
    # Another person (another session) is another reading.
    app.test_client().get("/c/APA-PLAN")
    assert compteurs(app, "courrier_scan")[("APA-PLAN", "")] == 2


def test_typed_and_listed_readings_are_counted_apart(app: Flask, client: FlaskClient) -> None:
    client.get("/courrier?code=pmi+bilan", follow_redirects=True)
    app.test_client().get("/c/FSH-DEC?via=liste")
    assert compteurs(app, "courrier_saisie") == {("PMI-BILAN", ""): 1}
    assert compteurs(app, "courrier_liste") == {("FSH-DEC", ""): 1}
    assert compteurs(app, "courrier_scan") == {}


def test_no_personal_data_in_the_page_addresses(client: FlaskClient) -> None:
    html = client.get("/c/RSA-CTRL").get_data(as_text=True)
    adresses = re.findall(r'(?:href|action)="([^"]+)"', html)
    for adresse in adresses:
        assert not re.search(r"nom=|prenom=|email=|telephone=|@", adresse), adresse
