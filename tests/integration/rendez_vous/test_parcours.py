"""The citizen flow without JavaScript: commune + motif → lieu → créneau → coordonnées →
confirmé; a step with one choice is skipped; typed data is kept; CSRF and rate limit."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.models import RendezVous
from tests.conftest import csrf_token

COORDONNEES = re.compile(r'href="(/rendez-vous/coordonnees[^"]+)"')


def _premier_creneau(client: FlaskClient, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return COORDONNEES.findall(html)[0].replace("&amp;", "&")


def test_whole_flow_in_five_screens(app: Flask, client: FlaskClient, plages: int) -> None:
    etape1 = client.get("/rendez-vous?commune=Evreux&motif=premier_rendez_vous_ts")
    assert etape1.headers["Location"] == "/rendez-vous/lieu?code=27229&motif=premier_rendez_vous_ts"
    lieux = client.get(etape1.headers["Location"]).get_data(as_text=True)
    assert lieux.index("Maison des solidarités d&#39;Évreux") < lieux.index("Antenne")
    url = _premier_creneau(
        client, "/rendez-vous/creneau?code=27229&motif=premier_rendez_vous_ts&lieu=msd-evreux"
    )
    assert "debut=2026-11-24T09:00:00%2B01:00" in url
    jeton = csrf_token(client, url)
    reponse = client.post(url, data={"csrf_token": jeton, "prenom": "Camille", "nom": "Martin",
                                     "telephone": "06 12 34 56 78", "email": ""})
    assert reponse.headers["Location"] == "/rendez-vous/confirme"
    with app.app_context():
        session = app.extensions["database"].session()
        assert session.scalar(select(func.count()).select_from(RendezVous)) == 1  # stored first
    page = client.get("/rendez-vous/confirme").get_data(as_text=True)
    assert "Rendez-vous confirmé" in page
    assert "mardi 24 novembre 2026, 09:00" in page
    assert "Une pièce d&#39;identité" in page
    assert "/rendez-vous/gerer/" in page and ".ics" in page


def test_a_step_with_one_lieu_is_skipped(client: FlaskClient, plages: int) -> None:
    # PMI consultations only at the maison des solidarités: straight to the créneaux.
    reponse = client.get("/rendez-vous/lieu?code=27229&motif=pmi_consultation")
    assert reponse.status_code == 302
    assert reponse.headers["Location"].startswith("/rendez-vous/creneau?")
    assert "lieu=msd-evreux" in reponse.headers["Location"]


def test_a_motif_given_by_another_door_is_not_asked_again(client: FlaskClient) -> None:
    page = client.get("/rendez-vous?motif=dossier_apa").get_data(as_text=True)
    assert 'name="motif" value="dossier_apa"' in page
    assert 'id="motif-0"' not in page


def test_postal_code_shared_by_communes_asks_which(client: FlaskClient) -> None:
    page = client.get("/rendez-vous?commune=27400&motif=dossier_apa").get_data(as_text=True)
    assert "Choisissez la vôtre" in page
    assert "motif=dossier_apa" in page


def test_missing_answers_keep_what_was_typed(client: FlaskClient) -> None:
    reponse = client.get("/rendez-vous?commune=Vernon")
    assert reponse.status_code == 400
    page = reponse.get_data(as_text=True)
    assert "Choisissez la raison du rendez-vous." in page
    assert 'value="Vernon"' in page


def test_a_lieu_out_of_sector_is_refused(client: FlaskClient, plages: int) -> None:
    reponse = client.get("/rendez-vous/creneau?code=27229&motif=premier_rendez_vous_ts"
                         "&lieu=msd-vernon")
    assert reponse.status_code == 302
    assert reponse.headers["Location"].startswith("/rendez-vous/lieu?")


def test_errors_keep_the_typed_contact(client: FlaskClient, plages: int) -> None:
    url = _premier_creneau(
        client, "/rendez-vous/creneau?code=27229&motif=premier_rendez_vous_ts&lieu=msd-evreux"
    )
    reponse = client.post(url, data={"csrf_token": csrf_token(client, url), "prenom": "Camille",
                                     "nom": "Martin", "telephone": "061", "email": "c@exemple"})
    assert reponse.status_code == 400
    page = reponse.get_data(as_text=True)
    assert "Ce numéro de téléphone n&#39;est pas valide" in page
    assert 'value="Camille"' in page and 'value="061"' in page
    assert 'aria-invalid="true"' in page


def test_a_taken_time_offers_the_next_ones_and_keeps_the_contact(
    client: FlaskClient, plages: int
) -> None:
    from tests.integration.rendez_vous.conftest import book

    assert book(client).status_code == 201
    url = "/rendez-vous/coordonnees?code=27229&motif=premier_rendez_vous_ts&lieu=msd-evreux" \
          "&debut=2026-11-24T09:00:00%2B01:00"
    reponse = client.post(url, data={"csrf_token": csrf_token(client, url), "prenom": "Léa",
                                     "nom": "Petit", "telephone": "0611223344"})
    assert reponse.status_code == 409
    page = reponse.get_data(as_text=True)
    assert 'name="debut" value="2026-11-24T09:45:00+01:00" checked' in page
    assert 'value="Léa"' in page


def test_posts_need_the_csrf_token(client: FlaskClient, plages: int) -> None:
    url = _premier_creneau(
        client, "/rendez-vous/creneau?code=27229&motif=premier_rendez_vous_ts&lieu=msd-evreux"
    )
    reponse = client.post(url, data={"prenom": "A", "nom": "B", "telephone": "0612345678"})
    assert reponse.status_code == 400


def test_public_posts_are_rate_limited(app: Flask, client: FlaskClient, plages: int) -> None:
    app.config["RENDEZ_VOUS_LIMITE"] = "3 per minute"
    statuts = [client.post("/api/v1/rendez-vous", json={}).status_code for _ in range(5)]
    assert statuts[-1] == 429


CRENEAU = "/rendez-vous/creneau?code=27229&motif=premier_rendez_vous_ts&lieu=msd-evreux"


def test_previous_week_is_never_a_week_of_past_days(app: Flask, plages: int) -> None:
    from datetime import timedelta

    from tests.conftest import LUNDI_10H

    # Saturday 28/11: the page opens on the week of Monday 30/11; the week before is all past.
    app.config["NOW"] = lambda: LUNDI_10H + timedelta(days=5)
    client = app.test_client()
    page = client.get(CRENEAU).get_data(as_text=True)
    assert "lundi 30 novembre" in page
    assert "Semaine précédente" not in page
    # Back from the week after: the previous week is the one of 30/11, still to come.
    page = client.get(CRENEAU + "&semaine=2026-12-07").get_data(as_text=True)
    assert "semaine=2026-11-30" in page and "semaine=2026-11-23" not in page


def test_the_current_week_shows_no_day_already_gone(app: Flask, plages: int) -> None:
    from datetime import timedelta

    from tests.conftest import LUNDI_10H

    app.config["NOW"] = lambda: LUNDI_10H + timedelta(days=2)  # Wednesday 25/11
    page = app.test_client().get(CRENEAU + "&semaine=2026-11-23").get_data(as_text=True)
    assert "mercredi 25 novembre" in page
    assert "lundi 23 novembre" not in page and "mardi 24 novembre" not in page


def test_back_then_book_again_shows_her_own_confirmation(
    app: Flask, client: FlaskClient, plages: int
) -> None:
    url = _premier_creneau(client, CRENEAU)
    donnees = {"prenom": "Camille", "nom": "Martin", "telephone": "06 12 34 56 78", "email": ""}
    jeton = csrf_token(client, url)
    assert client.post(url, data={"csrf_token": jeton, **donnees}).status_code == 302
    # Back to the filled form, "Réserver" once more.
    reponse = client.post(url, data={"csrf_token": jeton, **donnees})
    assert reponse.headers["Location"] == "/rendez-vous/confirme"
    page = client.get("/rendez-vous/confirme").get_data(as_text=True)
    assert "déjà réservé pour vous" in page and "Rendez-vous confirmé" in page
    with app.app_context():
        session = app.extensions["database"].session()
        assert session.scalar(select(func.count()).select_from(RendezVous)) == 1
    # Someone else in another browser still hears that the time is taken.
    autre = app.test_client()
    reponse = autre.post(url, data={"csrf_token": csrf_token(autre, url), **donnees})
    assert reponse.status_code == 409


def test_the_commune_known_from_mes_droits_is_carried_over(client: FlaskClient) -> None:
    assert "vient de « Mes droits »" not in client.get("/rendez-vous").get_data(as_text=True)
    jeton = csrf_token(client, "/mes-droits/commune")
    client.post("/mes-droits/commune", data={"reponse": "Louviers", "csrf_token": jeton})
    page = client.get("/rendez-vous").get_data(as_text=True)
    assert "vient de « Mes droits »" in page
    assert re.search(r'<input[^>]*id="commune"[^>]*value="Louviers"', page), page
    # She can change it: what she types wins.
    reponse = client.get("/rendez-vous?commune=Evreux&motif=premier_rendez_vous_ts")
    assert reponse.headers["Location"].startswith("/rendez-vous/lieu?code=27229")
