"""Trouver un lieu, through the pages, with bad input as a table."""

from __future__ import annotations

import html as html_lib

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.catalogue import Catalogue
from portal.models import StatistiqueJour


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return html_lib.unescape(response.get_data(as_text=True))


def test_a_commune_shows_its_territory_places_then_france_services(client: FlaskClient) -> None:
    response = client.get("/lieux", query_string={"commune": "Évreux"})
    assert response.status_code == 200
    page = _text(response)
    assert "Lieux d'accueil pour Évreux" in page
    assert page.index("Les lieux de votre territoire") < page.index(
        "Les France Services les plus proches"
    )
    assert "Maison des solidarités" in page
    assert "Ouvert maintenant" in page or "Fermé maintenant" in page
    assert 'href="tel:+33' in page


def test_every_commune_of_the_eure_gets_its_places(
    client: FlaskClient, catalogue: Catalogue
) -> None:
    for code, commune in catalogue.communes.items():
        response = client.get("/lieux", query_string={"code": code})
        assert response.status_code == 200, commune.nom
        assert commune.nom in _text(response)


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"commune": ""}, 400, "Écrivez le nom de votre commune ou son code postal."),
        ({"commune": "x" * 101}, 400, "100 caractères au plus"),
        ({"commune": "Paris"}, 404, "Nous ne trouvons pas « Paris » dans l'Eure."),
        ({"commune": "evrux"}, 404, "Vouliez-vous dire"),
        ({"code": "75056"}, 400, "Cette commune n'est pas dans le département."),
        ({"code": "<script>"}, 400, "Cette commune n'est pas dans le département."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_text(
    client: FlaskClient, query: dict[str, str], status: int, message: str
) -> None:
    response = client.get("/lieux", query_string=query)
    assert response.status_code == status
    page = _text(response)
    assert message in page
    if query.get("commune"):
        assert f'value="{query["commune"]}"' in page
    assert 'aria-invalid="true"' in page or "Nous ne trouvons pas" in page


def test_a_shared_postal_code_lists_the_communes_to_choose_from(client: FlaskClient) -> None:
    response = client.get("/lieux", query_string={"commune": "27400"})
    assert response.status_code == 200
    page = _text(response)
    assert "Plusieurs communes ont ce code postal" in page
    assert page.count("/lieux?code=") > 1


def test_english_and_arabic_messages(client: FlaskClient) -> None:
    en = _text(client.get("/lieux?commune=", headers={"Accept-Language": "en"}))
    assert "Write the name of your town or its postcode." in en
    ar = _text(client.get("/lieux?commune=", headers={"Accept-Language": "ar"}))
    assert "اكتب" in ar


def test_a_search_is_counted_anonymously_per_territory(app: Flask, client: FlaskClient) -> None:
    client.get("/lieux", query_string={"commune": "Vernon"})
    client.get("/lieux", query_string={"commune": "Vernon"})
    with app.app_context():
        rows = app.extensions["database"].session().scalars(select(StatistiqueJour)).all()
    assert [(r.evenement, r.nombre) for r in rows] == [("recherche_lieu", 2)]
    assert rows[0].territoire_id == app.extensions["catalogue"].territoire_of("27681").id
