"""/courrier: type the code from the letter; typos get the closest letters and the list."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


def test_the_page_explains_and_lists_the_letters_by_theme(
    client: FlaskClient, catalogue  # type: ignore[no-untyped-def]
) -> None:
    html = client.get("/courrier").get_data(as_text=True)
    assert "<h1>Comprendre un courrier</h1>" in html
    assert 'name="code"' in html
    for theme in ("RSA (revenu de solidarité active)", "Handicap : PCH, MDPH"):
        assert f"<h3>{theme}</h3>" in html
    for code in catalogue.courriers:
        assert f'href="/c/{code}?via=liste"' in html


def test_the_home_page_opens_this_door(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert 'href="/courrier"' in html


@pytest.mark.parametrize(
    ("saisie", "code"),
    [
        ("RSA-CTRL", "RSA-CTRL"),
        ("rsa-ctrl", "RSA-CTRL"),
        ("  rsa ctrl ", "RSA-CTRL"),
        ("RSA—CTRL", "RSA-CTRL"),  # a long dash, as a word processor writes it
        ("pmibilan", "PMI-BILAN"),
        ("Apa - Plan", "APA-PLAN"),
    ],
)
def test_case_spaces_and_dashes_are_ignored(client: FlaskClient, saisie: str, code: str) -> None:
    response = client.get("/courrier", query_string={"code": saisie})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/c/{code}?via=saisie"


@pytest.mark.parametrize(
    ("saisie", "attendu"),
    [
        ("RSA-CTLR", "RSA-CTRL"),  # two letters swapped
        ("RSA-CRTL", "RSA-CTRL"),
        ("PHC-DEC", "PCH-DEC"),
        ("APA-PLNA", "APA-PLAN"),
        ("RSA-ORIANT", "RSA-ORIENT"),
        ("FSL-DEC", "FSH-DEC"),  # FSL is the name elsewhere
        ("PMI BILLAN", "PMI-BILAN"),
        ("indu", "RSA-INDU"),  # part of a code
        ("contrôle du RSA", "RSA-CTRL"),  # words of the title instead of the code
    ],
)
def test_typos_get_the_closest_letter_first(client: FlaskClient, saisie: str, attendu: str) -> None:
    response = client.get("/courrier", query_string={"code": saisie})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Vouliez-vous dire :" in html
    suggestions = html.split("Vouliez-vous dire :")[1].split("</ul>")[0]
    premier = suggestions.split('href="/c/')[1].split("?")[0]
    assert premier == attendu
    assert f'value="{saisie}"' in html  # what was typed is kept
    assert "<title>Erreur :" in html


def test_nothing_close_says_so_and_shows_the_list(client: FlaskClient) -> None:
    response = client.get("/courrier", query_string={"code": "ZZZ-999"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Vouliez-vous dire" not in html
    assert "Vérifiez le code sur la lettre." in html
    assert "Choisir votre courrier dans la liste" in html


@pytest.mark.parametrize(
    ("saisie", "message"),
    [("", "Écrivez le code écrit sur votre courrier."), ("X" * 41, "Ce code est trop long")],
)
def test_bad_input_gets_a_clear_message(client: FlaskClient, saisie: str, message: str) -> None:
    response = client.get("/courrier", query_string={"code": saisie})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert 'aria-invalid="true"' in html


def test_the_page_in_arabic_lists_arabic_titles(client: FlaskClient, catalogue) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/courrier", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert catalogue.courriers["PMI-BILAN"].titre.ar in html
