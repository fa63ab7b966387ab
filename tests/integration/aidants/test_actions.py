"""Acting under a mandate: booking for someone without phone or e-mail (sectorisation on their
commune, printable confirmation, a warning), a demande "via <structure>", the conseiller sees
only what he made."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import Demande, EntreeJournalMandat, RendezVous, SourceDemande
from tests.conftest import csrf_token
from tests.integration.aidants.conftest import conseiller, record, reference
from tests.integration.rendez_vous.conftest import MOTIF, book, plages

__all__ = ["plages"]  # the fixture, shared with the booking door's tests

EVREUX = "27229"


def _creneau(client: FlaskClient, url: str) -> str:
    html = client.get(f"{url}?commune={EVREUX}&motif={MOTIF}").get_data(as_text=True)
    debut = html.index('name="creneau"')
    valeur = html[html.index('value="', debut) + 7:]
    return valeur[:valeur.index('"')]


def test_booking_for_someone_without_phone_or_email(
    client: FlaskClient, make_agent: Any, app: Flask, plages: int
) -> None:
    conseiller(client, make_agent)
    ref = reference(record(client))
    url = f"/agent/aidants/mandats/{ref}/rendez-vous"
    choix = _creneau(client, url)
    assert choix.startswith("msd-evreux|")  # Évreux's sector
    reponse = client.post(url, data={
        "csrf_token": csrf_token(client, f"{url}?commune={EVREUX}&motif={MOTIF}"),
        "commune": EVREUX, "motif": MOTIF,
        "creneau": choix,
    })
    assert reponse.status_code == 302, reponse.get_data(as_text=True)
    confirmation = client.get(reponse.headers["Location"]).get_data(as_text=True)
    assert "ni téléphone ni e-mail" in confirmation and "data-imprimer" in confirmation
    session = app.extensions["database"].session()
    rdv = session.scalars(select(RendezVous)).one()
    assert (rdv.telephone, rdv.email, rdv.cree_par) == (None, None, "aidant")
    assert rdv.nom == "Lefèvre"
    ligne = session.scalars(select(EntreeJournalMandat).where(
        EntreeJournalMandat.action == "rendez_vous")).one()
    assert ligne.detail == {"rendez_vous": rdv.reference, "motif": MOTIF, "lieu": "msd-evreux"}
    # He made it: he sees it in his agenda. Under another mandate, its confirmation does not
    # exist.
    assert client.get(f"/agent/rendez-vous/{rdv.reference}").status_code == 200
    autre = reference(record(client, prenom="Sam", nom="Autre"))
    assert client.get(f"/agent/aidants/mandats/{autre}/rendez-vous/{rdv.reference}"
                      ).status_code == 404


def test_the_online_booking_still_needs_a_phone_or_an_email(
    client: FlaskClient, plages: int
) -> None:
    reponse = book(client, usager={"telephone": None})
    assert reponse.status_code == 400
    assert "usager.telephone" in reponse.get_json()["erreurs"]


def test_a_bad_booking_changes_nothing(
    client: FlaskClient, make_agent: Any, app: Flask, plages: int
) -> None:
    conseiller(client, make_agent)
    ref = reference(record(client))
    url = f"/agent/aidants/mandats/{ref}/rendez-vous"
    jeton = csrf_token(client, f"{url}?commune={EVREUX}&motif={MOTIF}")
    faux = client.post(url, data={"csrf_token": jeton, "commune": EVREUX, "motif": MOTIF,
                                  "creneau": "msd-evreux|2026-11-24T03:00:00+01:00"})
    assert faux.status_code == 400
    hors_secteur = client.post(url, data={
        "csrf_token": jeton, "commune": EVREUX, "motif": MOTIF,
        "creneau": "msd-vernon|2026-11-24T09:00:00+01:00"})
    assert hors_secteur.status_code == 400
    assert client.post(url, data={"csrf_token": jeton}).status_code == 400
    assert app.extensions["database"].session().scalars(select(RendezVous)).all() == []


def test_a_demande_is_left_via_the_structure(
    client: FlaskClient, make_agent: Any, app: Flask
) -> None:
    conseiller(client, make_agent)
    ref = reference(record(client, demarches=["demande"]))
    url = f"/agent/aidants/mandats/{ref}/demande"
    jeton = csrf_token(client, url)
    assert client.post(url, data={"csrf_token": jeton, "commune": "Évreux"}).status_code == 400
    reponse = client.post(url, data={"csrf_token": jeton, "commune": "Évreux",
                                     "message": "Aide pour le RSA", "telephone": "06 12 34 56 78"})
    assert reponse.status_code == 302
    demande = app.extensions["database"].session().scalars(select(Demande)).one()
    assert demande.source == SourceDemande.aidant
    assert demande.message == "Via Maison des solidarités d'Évreux : Aide pour le RSA"
    assert demande.prenom == "Rosa"
    # Booking is outside this mandate's scope.
    assert client.get(f"/agent/aidants/mandats/{ref}/rendez-vous").status_code == 403


def test_the_home_lists_todays_accompaniments_and_the_structures_mandates(
    client: FlaskClient, make_agent: Any
) -> None:
    conseiller(client, make_agent)
    record(client)
    page = client.get("/agent/aidants/").get_data(as_text=True)
    assert "Les mandats de ma structure" in page and "Rosa Lefèvre" in page
    assert "Aucun rendez-vous pris par vous aujourd" in page
    assert "/agent/aidants/" in client.get("/agent/").get_data(as_text=True)
