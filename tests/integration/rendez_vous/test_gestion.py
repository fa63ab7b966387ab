"""The manage link: a random token, the first 3 letters of the last name, then cancel or move
within the motif's limits (4 h before to cancel, 48 h before to move), tested at each edge."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_token
from tests.integration.rendez_vous.conftest import MARDI_9H, book

JEUDI_PROCHAIN = "2026-12-03T09:00:00+01:00"


def _ouvrir(client: FlaskClient, gestion_url: str, lettres: str = "MAR"):  # type: ignore[no-untyped-def]
    chemin = client.get(gestion_url.removeprefix("http://localhost")).headers["Location"]
    return chemin, client.post(chemin, data={"csrf_token": csrf_token(client, chemin),
                                             "lettres": lettres})


def test_letters_open_the_rendez_vous(app: Flask, plages: int) -> None:
    gestion = book(app.test_client()).get_json()["gestion_url"]
    client = app.test_client()  # another browser: not yet verified
    chemin, reponse = _ouvrir(client, gestion, "Mar")
    assert reponse.headers["Location"] == chemin
    page = client.get(chemin).get_data(as_text=True)
    assert "mardi 24 novembre 2026, 09:00" in page
    assert "Martin" not in chemin


def test_wrong_letters_show_nothing_and_are_counted(app: Flask, plages: int) -> None:
    app.config["RENDEZ_VOUS_LIMITE"] = "1000 per minute"  # the counter, not the rate limit
    gestion = book(app.test_client()).get_json()["gestion_url"]
    client = app.test_client()
    chemin, reponse = _ouvrir(client, gestion, "dup")
    assert reponse.status_code == 400
    assert "ne correspondent pas" in reponse.get_data(as_text=True)
    assert "24 novembre" not in client.get(chemin).get_data(as_text=True)
    for _ in range(10):
        _ouvrir(client, gestion, "xyz")
    _chemin, reponse = _ouvrir(client, gestion, "mar")
    assert "Trop d&#39;essais" in reponse.get_data(as_text=True)


def test_unknown_token_is_a_404(client: FlaskClient) -> None:
    assert client.get("/rendez-vous/gerer/inconnu").status_code == 404


def test_cancel_from_the_link_frees_the_time(app: Flask, client: FlaskClient, plages: int) -> None:
    gestion = book(client).get_json()["gestion_url"]
    chemin, _ = _ouvrir(client, gestion)
    annuler = chemin + "/annuler"
    reponse = client.post(annuler, data={"csrf_token": csrf_token(client, annuler)})
    assert reponse.headers["Location"] == chemin
    assert "Votre rendez-vous est annulé" in client.get(chemin).get_data(as_text=True)
    assert book(client, usager={"nom": "Autre"}).status_code == 201  # the time is free again


@pytest.mark.parametrize(("heures_avant", "permis"), [(4, True), (3.99, False)])
def test_cancel_limit_edge(app: Flask, plages: int, heures_avant: float, permis: bool) -> None:
    from portal.rendez_vous.services import can_cancel

    catalogue = app.extensions["catalogue"]
    client = app.test_client()
    assert book(client).status_code == 201
    with app.app_context():
        from portal.models import RendezVous

        rdv = app.extensions["database"].session().query(RendezVous).one()
        now = MARDI_9H - timedelta(hours=heures_avant)
        assert can_cancel(rdv, catalogue.motifs[rdv.motif_id], now=now) is permis


@pytest.mark.parametrize(("heures_avant", "permis"), [(48, True), (47.9, False)])
def test_move_limit_edge(app: Flask, plages: int, heures_avant: float, permis: bool) -> None:
    from portal.rendez_vous.erreurs import ModificationImpossible
    from portal.rendez_vous.services import move_rendez_vous

    client = app.test_client()
    assert book(client, debut=JEUDI_PROCHAIN).status_code == 201
    with app.test_request_context():
        from portal.models import RendezVous

        session = app.extensions["database"].session()
        rdv = session.query(RendezVous).one()
        now = datetime.fromisoformat(JEUDI_PROCHAIN) - timedelta(hours=heures_avant)
        nouveau = datetime.fromisoformat("2026-12-04T09:00:00+01:00")
        if permis:
            move_rendez_vous(session, catalogue=app.extensions["catalogue"], rdv=rdv,
                             debut=nouveau, now=now)
            assert rdv.debut == nouveau and rdv.sequence == 1
        else:
            with pytest.raises(ModificationImpossible):
                move_rendez_vous(session, catalogue=app.extensions["catalogue"], rdv=rdv,
                                 debut=nouveau, now=now)


def test_move_from_the_link(client: FlaskClient, plages: int) -> None:
    gestion = book(client, debut=JEUDI_PROCHAIN).get_json()["gestion_url"]
    chemin, _ = _ouvrir(client, gestion)
    page = client.get(chemin + "/deplacer").get_data(as_text=True)
    assert "Le prochain rendez-vous libre" in page
    url = chemin + "/deplacer/confirmer?debut=2026-12-04T09:00:00%2B01:00"
    reponse = client.post(url, data={"csrf_token": csrf_token(client, url)})
    assert reponse.headers["Location"] == chemin
    assert "vendredi 4 décembre 2026, 09:00" in client.get(chemin).get_data(as_text=True)


def test_ics_download_after_verification(client: FlaskClient, plages: int) -> None:
    gestion = book(client).get_json()["gestion_url"]
    chemin, _ = _ouvrir(client, gestion)
    reponse = client.get(chemin + "/rendez-vous.ics")
    assert reponse.mimetype == "text/calendar"
    assert b"BEGIN:VEVENT" in reponse.data


@pytest.mark.parametrize(
    ("nom", "saisie"),
    [("بنعلي", "بنع"), ("بنعلي", "بنعلي"), ("بَنعلي", "بنع"), ("Lefèvre", "LEF"),
     ("Ørsted", "ors"), ("Li", "li")],
)
def test_letters_match_in_the_name_s_own_script(
    app: Flask, plages: int, nom: str, saisie: str
) -> None:
    gestion = book(app.test_client(), usager={"nom": nom}).get_json()["gestion_url"]
    client = app.test_client()
    chemin, reponse = _ouvrir(client, gestion, saisie)
    assert reponse.status_code == 302, reponse.get_data(as_text=True)
    assert "mardi 24 novembre 2026, 09:00" in client.get(chemin).get_data(as_text=True)


def test_wrong_arabic_letters_are_refused_and_counted(app: Flask, plages: int) -> None:
    gestion = book(app.test_client(), usager={"nom": "بنعلي"}).get_json()["gestion_url"]
    client = app.test_client()
    _chemin, reponse = _ouvrir(client, gestion, "بنا")
    assert reponse.status_code == 400
    with app.app_context():
        from portal.models import RendezVous

        rdv = app.extensions["database"].session().query(RendezVous).one()
        assert rdv.echecs_verification == 1


@pytest.mark.parametrize(("minutes", "redemande"), [(9.9, False), (10, True)])
def test_the_check_is_asked_again_after_10_minutes(
    app: Flask, plages: int, minutes: float, redemande: bool
) -> None:
    from tests.conftest import LUNDI_10H

    gestion = book(app.test_client()).get_json()["gestion_url"]
    client = app.test_client()
    chemin, _reponse = _ouvrir(client, gestion)
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(minutes=minutes)
    page = client.get(chemin).get_data(as_text=True)
    assert ('name="lettres"' in page) is redemande
    assert ("mardi 24 novembre 2026, 09:00" in page) is not redemande
