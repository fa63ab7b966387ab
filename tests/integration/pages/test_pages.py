"""Every page, in every language: right lang/dir, the Urgence link, strict headers."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

PAGES = ["/", "/urgence", "/lieux", "/lieux?commune=evreux", "/accessibilite"]
LANGUES = [("fr", "ltr"), ("en", "ltr"), ("ar", "rtl")]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(("langue", "direction"), LANGUES)
def test_page_in_each_language(
    client: FlaskClient, url: str, langue: str, direction: str
) -> None:
    response = client.get(url, headers={"Accept-Language": langue})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{langue}" dir="{direction}">' in html
    assert 'href="/urgence"' in html
    assert 'class="lien-evitement" href="#contenu"' in html
    assert re.search(r"<title>[^<]+ — [^<]+</title>", html)


@pytest.mark.parametrize("url", PAGES)
def test_security_headers(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in response.get_data(as_text=True)
    assert " style=" not in response.get_data(as_text=True)


def test_language_choice_is_remembered_for_the_session(client: FlaskClient) -> None:
    response = client.get("/langue/ar?suivant=/urgence")
    assert response.status_code == 302
    assert response.headers["Location"] == "/urgence"
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page


def test_accept_language_is_the_default(client: FlaskClient) -> None:
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page
    page = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in page


@pytest.mark.parametrize(
    ("langue", "message"),
    [
        ("fr", "Cette langue n'est pas disponible"),
        ("en", "This language is not available"),
    ],
)
def test_an_unsupported_language_gets_a_clear_message(
    client: FlaskClient, langue: str, message: str
) -> None:
    response = client.get("/langue/xx", headers={"Accept-Language": langue})
    assert response.status_code == 404
    assert message in response.get_data(as_text=True).replace("&#39;", "'")


@pytest.mark.parametrize("suivant", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_language_switch_never_leaves_the_site(client: FlaskClient, suivant: str) -> None:
    response = client.get("/langue/en", query_string={"suivant": suivant})
    assert response.headers["Location"] == "/"


def test_home_shows_the_five_doors_open(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    portes = [
        ("/mes-droits", "Mes droits"),
        ("/rendez-vous", "Prendre rendez-vous"),
        ("/courrier", "Comprendre un courrier"),
        ("/assistant", "Poser une question"),
        ("/lieux", "Trouver un lieu"),
    ]
    for url, titre in portes:
        assert f'<a href="{url}">{titre}</a>' in html
    assert "Pas encore disponible." not in html


def test_a_door_not_built_says_so(app) -> None:  # type: ignore[no-untyped-def]
    from portal.pages.portes import Porte

    porte = Porte("essai", "Essai", "Une porte sans page", "nulle_part.accueil")
    with app.test_request_context("/"):
        assert porte.disponible is False
        assert porte.url is None


def test_emergency_page_has_every_number_as_a_link(client: FlaskClient) -> None:
    html = client.get("/urgence").get_data(as_text=True)
    for numero in ["112", "15", "17", "18", "115", "119", "3919", "3114"]:
        assert f'href="tel:{numero}"' in html
    assert 'href="sms:114"' in html


def test_home_page_weighs_less_than_60_kb_with_its_css_and_js(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    total = len(html.encode())
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', html):
        with client.get(asset) as response:
            total += len(response.data)
    assert total < 60 * 1024, total


def test_unknown_page_is_a_404_page_in_the_persons_language(client: FlaskClient) -> None:
    response = client.get("/nulle-part", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "This page does not exist." in response.get_data(as_text=True)
