"""A contact that really reaches the person (issue #20): a "portable" field refuses a landline,
a landline is kept as "fixe" with the honest consequence (no SMS, keep the ticket), reminders
never try an SMS to a fixe, and a person with neither phone nor e-mail books with an agent or at
a kiosk. One validation for the API and the forms (rendez_vous/schemas.py)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.models import Notification, RendezVous
from portal.rendez_vous import services
from portal.validation import DonneesInvalides
from tests.conftest import csrf_token, login
from tests.integration.borne.conftest import make_kiosk
from tests.integration.rendez_vous.conftest import book, demande

FORMULAIRE = ("/rendez-vous/coordonnees?code=27229&motif=premier_rendez_vous_ts"
              "&lieu=msd-evreux&debut=2026-11-24T09:00:00%2B01:00")
AGENT = ("/agent/rendez-vous/nouveau/coordonnees?lieu=msd-evreux&motif=dossier_apa"
         "&debut=2026-11-26T09:00:00%2B01:00")


def _canaux(app: Flask) -> set[str]:
    with app.app_context():
        session = app.extensions["database"].session()
        return {n.canal for n in session.scalars(select(Notification))}


def _rdv(app: Flask) -> RendezVous:
    with app.app_context():
        return app.extensions["database"].session().scalars(select(RendezVous)).one()


@pytest.mark.parametrize("numero", ["02 32 12 34 56", "+33 2 32 12 34 56", "09 70 00 00 00"])
def test_the_api_refuses_a_landline_said_to_be_a_mobile(
    client: FlaskClient, plages: int, numero: str
) -> None:
    reponse = book(client, usager={"telephone": numero, "telephone_type": "portable"})
    assert reponse.status_code == 400
    assert "Ce numéro est un fixe" in reponse.get_json()["erreurs"]["usager.telephone"]


@pytest.mark.parametrize(
    "numero", ["06 12 34 56 78", "07 81 23 45 67", "+33 6 12 34 56 78", "+44 7400 123456",
               "+1 202 555 0143"]
)
def test_mobiles_here_and_abroad_are_accepted_as_portable(
    app: Flask, client: FlaskClient, plages: int, numero: str
) -> None:
    reponse = book(client, usager={"telephone": numero, "telephone_type": "portable"})
    assert reponse.status_code == 201, reponse.get_json()
    assert reponse.get_json()["telephone_type"] == "portable"
    assert reponse.get_json()["sms"] is True
    assert "sms" in _canaux(app)


def test_a_landline_is_a_fixe_and_never_gets_an_sms_nor_a_reminder_by_sms(
    app: Flask, client: FlaskClient, plages: int
) -> None:
    reponse = book(client, debut="2026-12-01T09:00:00+01:00",  # a week ahead: a reminder is due
                   usager={"telephone": "02 32 12 34 56", "email": "c@exemple.fr"})
    assert reponse.status_code == 201, reponse.get_json()
    assert reponse.get_json()["telephone_type"] == "fixe"
    assert reponse.get_json()["sms"] is False
    assert _rdv(app).type_telephone == "fixe"
    with app.app_context():
        modeles = {n.modele for n in app.extensions["database"].session().scalars(
            select(Notification))}
    assert modeles == {"confirmation", "rappel"}  # the reminder exists, by e-mail only
    assert _canaux(app) == {"email"}


def test_online_a_phone_or_an_email_is_still_required(client: FlaskClient, plages: int) -> None:
    reponse = book(client, usager={"telephone": None})
    assert reponse.status_code == 400
    assert "téléphone ou une adresse" in reponse.get_json()["erreurs"]["usager.telephone"]


def test_contact_obligatoire_depends_on_who_is_there() -> None:
    assert services.contact_obligatoire("en_ligne") is True
    assert services.contact_obligatoire("agent") is False
    assert services.contact_obligatoire(services.CanalReservation.borne) is False
    with pytest.raises(ValueError):
        services.contact_obligatoire("pigeon")


def test_at_a_kiosk_a_person_without_phone_nor_email_books(app: Flask, plages: int) -> None:
    catalogue = app.extensions["catalogue"]
    sans_contact = demande(usager={"telephone": None})
    with app.test_request_context():
        with pytest.raises(DonneesInvalides):
            services.book(sans_contact, catalogue=catalogue)
        reservation = services.book(sans_contact, catalogue=catalogue, canal="borne")
        assert reservation.rendez_vous.telephone is None
        assert reservation.rendez_vous.email is None
        assert reservation.rendez_vous.notifications == []


def test_the_form_refuses_a_landline_in_the_mobile_field_and_keeps_it(
    client: FlaskClient, plages: int
) -> None:
    reponse = client.post(FORMULAIRE, data={
        "csrf_token": csrf_token(client, FORMULAIRE), "prenom": "Gérard", "nom": "Lefèvre",
        "telephone": "02 32 12 34 56",
    })
    assert reponse.status_code == 400
    page = reponse.get_data(as_text=True)
    assert "Ce numéro est un fixe" in page
    assert 'aria-describedby' in page and 'value="02 32 12 34 56"' in page


def test_the_form_takes_a_landline_as_fixe_and_says_no_sms(
    app: Flask, client: FlaskClient, plages: int
) -> None:
    reponse = client.post(FORMULAIRE, data={
        "csrf_token": csrf_token(client, FORMULAIRE), "prenom": "Gérard", "nom": "Lefèvre",
        "telephone_fixe": "02 32 12 34 56",
    })
    assert reponse.headers["Location"] == "/rendez-vous/confirme"
    page = client.get("/rendez-vous/confirme").get_data(as_text=True)
    assert "Nous ne pouvons pas vous envoyer de SMS : gardez ce ticket." in page
    assert "Vous recevez un SMS" not in page
    assert _rdv(app).telephone == "+33232123456"
    assert _canaux(app) == set()


def test_the_form_with_a_mobile_promises_the_sms(client: FlaskClient, plages: int) -> None:
    client.post(FORMULAIRE, data={"csrf_token": csrf_token(client, FORMULAIRE),
                                  "prenom": "Camille", "nom": "Martin",
                                  "telephone": "06 12 34 56 78"})
    page = client.get("/rendez-vous/confirme").get_data(as_text=True)
    assert "Vous recevez un SMS de confirmation" in page
    assert "gardez ce ticket" not in page


def test_the_form_asks_for_one_number_only(client: FlaskClient, plages: int) -> None:
    reponse = client.post(FORMULAIRE, data={
        "csrf_token": csrf_token(client, FORMULAIRE), "prenom": "Camille", "nom": "Martin",
        "telephone": "06 12 34 56 78", "telephone_fixe": "02 32 12 34 56",
    })
    assert reponse.status_code == 400
    assert "Donnez un seul numéro" in reponse.get_data(as_text=True)


def test_an_agent_books_for_a_person_with_neither_phone_nor_email(  # type: ignore[no-untyped-def]
    app: Flask, client: FlaskClient, plages: int, make_agent
) -> None:
    make_agent(lieux=("msd-evreux",))
    login(client)
    reponse = client.post(AGENT, data={"csrf_token": csrf_token(client, AGENT),
                                       "prenom": "Jean", "nom": "Durand"})
    assert reponse.status_code == 302, reponse.get_data(as_text=True)
    rdv = _rdv(app)
    assert rdv.telephone is None and rdv.email is None
    detail = client.get(reponse.headers["Location"]).get_data(as_text=True)
    assert "Ni téléphone ni e-mail" in detail
    assert "Aucun SMS ni e-mail ne partira" in detail  # the warning right after booking


def test_an_agent_cannot_put_a_landline_in_the_mobile_field(  # type: ignore[no-untyped-def]
    client: FlaskClient, plages: int, make_agent
) -> None:
    make_agent(lieux=("msd-evreux",))
    login(client)
    reponse = client.post(AGENT, data={"csrf_token": csrf_token(client, AGENT), "prenom": "Jean",
                                       "nom": "Durand", "telephone": "02 32 00 00 00"})
    assert reponse.status_code == 400
    assert "Ce numéro est un fixe" in reponse.get_data(as_text=True)


def test_at_a_kiosk_the_form_books_without_phone_nor_email(  # type: ignore[no-untyped-def]
    app: Flask, client: FlaskClient, plages: int, make_agent
) -> None:
    """Online the form still asks for a phone or an e-mail; at a kiosk it books, and the
    confirmation says to keep the ticket."""
    donnees = {"prenom": "Gérard", "nom": "Lefèvre"}
    en_ligne = client.post(FORMULAIRE, data={**donnees,
                                             "csrf_token": csrf_token(client, FORMULAIRE)})
    assert en_ligne.status_code == 400
    kiosque = make_kiosk(app, make_agent)
    reponse = kiosque.post(FORMULAIRE, data={**donnees,
                                             "csrf_token": csrf_token(kiosque, FORMULAIRE)})
    assert reponse.headers["Location"] == "/rendez-vous/confirme"
    page = kiosque.get("/rendez-vous/confirme").get_data(as_text=True)
    assert "Nous ne pouvons pas vous envoyer de SMS : gardez ce ticket." in page
    rdv = _rdv(app)
    assert rdv.telephone is None and rdv.email is None
