"""A conseiller numérique sees the rendez-vous he made himself, and nothing else: not the
other rendez-vous of his lieu, not a demande of the premier accueil."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.accueil.references import new_reference
from portal.models import Demande, RendezVous
from tests.conftest import LUNDI_10H, csrf_token, login
from tests.integration.rendez_vous.conftest import MOTIF, MSD, book

CRENEAU = f"lieu={MSD}&motif={MOTIF}&debut=2026-11-24T09:45:00%2B01:00"


def _conseiller(client: FlaskClient, make_agent: Any) -> None:
    make_agent(role="conseiller_numerique", territoire="evreux", lieux=(MSD,))
    assert login(client).status_code == 302


def _book_as_agent(client: FlaskClient) -> RendezVous:
    url = f"/agent/rendez-vous/nouveau/coordonnees?{CRENEAU}"
    reponse = client.post(url, data={
        "csrf_token": csrf_token(client, url), "debut": "2026-11-24T09:45:00+01:00",
        "prenom": "Sacha", "nom": "Durand", "telephone": "06 98 76 54 32",
    })
    assert reponse.status_code == 302, reponse.get_data(as_text=True)
    session = client.application.extensions["database"].session()
    return session.scalars(select(RendezVous).where(RendezVous.nom == "Durand")).one()


def test_he_sees_his_own_rendez_vous_only(client: FlaskClient, plages: int, make_agent) -> None:  # type: ignore[no-untyped-def]
    autre = client.application.test_client()
    autre.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    assert book(autre).status_code == 201  # Camille Martin, booked online, same lieu
    _conseiller(client, make_agent)
    sien = _book_as_agent(client)
    session = client.application.extensions["database"].session()
    camille = session.scalars(select(RendezVous).where(RendezVous.nom == "Martin")).one()

    assert client.get(f"/agent/rendez-vous/{sien.reference}").status_code == 200
    assert client.get(f"/agent/rendez-vous/{camille.reference}").status_code == 404
    agenda = client.get(f"/agent/rendez-vous/?lieu={MSD}&jour=2026-11-24").get_data(as_text=True)
    assert "Sacha Durand" in agenda
    assert "Camille" not in agenda and "Martin" not in agenda


def test_agent_urls_name_the_rendez_vous_by_reference(  # type: ignore[no-untyped-def]
    client: FlaskClient, plages: int, make_agent
) -> None:
    _conseiller(client, make_agent)
    sien = _book_as_agent(client)
    agenda = client.get(f"/agent/rendez-vous/?lieu={MSD}&jour=2026-11-24").get_data(as_text=True)
    assert f'href="/agent/rendez-vous/{sien.reference}"' in agenda
    assert f'href="/agent/rendez-vous/{sien.id}"' not in agenda


def test_a_demande_reference_gives_him_nothing(  # type: ignore[no-untyped-def]
    app: Flask, client: FlaskClient, plages: int, make_agent
) -> None:
    with app.app_context():
        session = app.extensions["database"].session()
        demande = Demande(
            reference=new_reference(), statut="nouvelle", source="formulaire", topic="autre",
            langue="fr", commune_code="27229", territoire_id="evreux", prenom="Alexandrine",
            contact="telephone", telephone="+33611223344", consentement_at=LUNDI_10H,
        )
        session.add(demande)
        session.commit()
        reference = demande.reference
    _conseiller(client, make_agent)
    assert client.get(f"/agent/accueil/{reference}").status_code == 403
    page = client.get(f"/agent/rendez-vous/nouveau/coordonnees?{CRENEAU}&demande={reference}")
    assert page.status_code == 200
    texte = page.get_data(as_text=True)
    assert "Alexandrine" not in texte and "11 22 33 44" not in texte and "611223344" not in texte


def test_agent_routes_take_no_sequential_id(app: Flask) -> None:
    """Agent objects are named by opaque references: no integer in an agent URL."""
    from werkzeug.routing import IntegerConverter

    entiers = [
        rule.rule for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/agent")
        and any(isinstance(c, IntegerConverter) for c in rule._converters.values())
    ]
    assert entiers == []
