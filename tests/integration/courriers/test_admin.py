"""The print teams' page: each template's QR code to download, for admins only."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from tests.conftest import csrf_token, login

PAGE = "/agent/courriers"


def test_not_signed_in_goes_to_sign_in(client: FlaskClient) -> None:
    for url in (PAGE, f"{PAGE}/RSA-CTRL/qr.svg"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith(f"/agent/connexion?suivant={url}")


@pytest.mark.parametrize("role", ["accueil", "travailleur_social", "responsable"])
def test_other_roles_get_403(client: FlaskClient, make_agent, role: str) -> None:  # type: ignore[no-untyped-def]
    make_agent(role=role)
    login(client)
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}/RSA-CTRL/qr.png").status_code == 403


def test_admin_sees_every_template_with_its_downloads(
    client: FlaskClient, make_agent, catalogue  # type: ignore[no-untyped-def]
) -> None:
    make_agent(role="admin")
    login(client)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for code in catalogue.courriers:
        assert f'href="{PAGE}/{code}/qr.svg"' in html
        assert f'href="{PAGE}/{code}/qr.png"' in html
    assert "à faire relire par des usagers" in html
    # The agent home page lists the tool for admins.
    assert f'href="{PAGE}"' in client.get("/agent/").get_data(as_text=True)


@pytest.mark.parametrize("format_", ["svg", "png"])
def test_downloads_are_the_template_qr_code(
    client: FlaskClient, make_agent, format_: str  # type: ignore[no-untyped-def]
) -> None:
    make_agent(role="admin")
    login(client)
    response = client.get(f"{PAGE}/PCH-DEC/qr.{format_}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="qr-PCH-DEC.{format_}"'
    if format_ == "png":
        assert response.mimetype == "image/png"
        [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.data)))
        assert code.text == "HTTP://LOCALHOST/C/PCH-DEC"
    else:
        assert response.mimetype == "image/svg+xml"
        assert b'width="20mm"' in response.data


@pytest.mark.parametrize("url", [f"{PAGE}/NOPE-XX/qr.svg", f"{PAGE}/RSA-CTRL/qr.gif"])
def test_unknown_code_or_format_is_404(client: FlaskClient, make_agent, url: str) -> None:  # type: ignore[no-untyped-def]
    make_agent(role="admin")
    login(client)
    assert client.get(url).status_code == 404


def test_the_indicators_count_readings_and_answers(
    app: Flask, client: FlaskClient, make_agent  # type: ignore[no-untyped-def]
) -> None:
    usager = app.test_client()
    usager.get("/c/RSA-INDU")
    usager.get("/courrier?code=rsa+indu", follow_redirects=True)  # already read: not twice
    app.test_client().get("/c/RSA-INDU?via=liste")
    token = csrf_token(usager, "/c/RSA-INDU")
    usager.post("/c/RSA-INDU/avis", data={"utile": "non", "csrf_token": token})
    make_agent(role="admin")
    login(client)
    html = client.get(PAGE).get_data(as_text=True)
    ligne = html.split('href="/c/RSA-INDU"')[1].split("</tr>")[0]
    assert "1 par QR code, 1 par le code tapé ou la liste" in ligne
    assert "<td>0 / 1</td>" in ligne
