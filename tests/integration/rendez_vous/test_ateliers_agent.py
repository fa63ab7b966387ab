"""Agent pages of the workshops: a conseiller numérique creates a session, sees only his own,
cancels it (the people booked are told), and records attendance seat by seat afterwards; the
no-show figures count each seat."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from portal.indicateurs.calcul import compute_indicateurs
from portal.indicateurs.semaines import Periode
from portal.models import Notification, Plage, RendezVous, StatutRendezVous
from portal.rendez_vous.agenda import taux_absence
from tests.conftest import LUNDI_10H, csrf_token, login
from tests.integration.rendez_vous.ateliers import MERCREDI_14H, REUNION, place, seance
from tests.integration.rendez_vous.conftest import MSD

ATELIERS = f"/agent/rendez-vous/ateliers?lieu={MSD}"
NOUVELLE = {"motif": REUNION, "jour": "2026-11-25", "heure": "14:00", "places": "3"}


def _conseiller(make_agent, client: FlaskClient, email: str = "cnum@exemple.fr") -> None:  # type: ignore[no-untyped-def]
    make_agent(role="conseiller_numerique", email=email, territoire="evreux", lieux=(MSD,))
    assert login(client, email=email).status_code == 302


def _creer(client: FlaskClient, **changes: str):  # type: ignore[no-untyped-def]
    return client.post(ATELIERS, data={"csrf_token": csrf_token(client, ATELIERS),
                                       **NOUVELLE, **changes})


def test_a_conseiller_creates_a_session_offered_online_at_once(
    app: Flask, client: FlaskClient, make_agent
) -> None:  # type: ignore[no-untyped-def]
    _conseiller(make_agent, client)
    page = client.get(ATELIERS).get_data(as_text=True)
    assert "Réunion d&#39;information RSA" in page and 'value="20"' in page  # the motif's seats
    reponse = _creer(client)
    assert reponse.status_code == 302
    seance_url = reponse.headers["Location"]
    assert re.fullmatch(r"/agent/rendez-vous/ateliers/[\w-]{12}", seance_url)
    detail = client.get(seance_url).get_data(as_text=True)
    assert "Séance créée" in detail and "0 inscrits sur 3" in detail
    creneaux = client.get(f"/api/v1/creneaux?lieu={MSD}&motif={REUNION}&du=2026-11-25"
                          "&au=2026-11-25").get_json()
    assert creneaux == [{"debut": MERCREDI_14H.isoformat(), "fin": "2026-11-25T15:30:00+01:00",
                         "places_restantes": 3}]
    assert "25 novembre" in client.get(ATELIERS).get_data(as_text=True)


def test_another_conseiller_does_not_see_it_the_accueil_does(
    app: Flask, make_agent
) -> None:  # type: ignore[no-untyped-def]
    createur, autre, accueil = app.test_client(), app.test_client(), app.test_client()
    _conseiller(make_agent, createur)
    seance_url = _creer(createur).headers["Location"]
    _conseiller(make_agent, autre, email="autre@exemple.fr")
    assert autre.get(seance_url).status_code == 404
    assert "25 novembre" not in autre.get(ATELIERS).get_data(as_text=True)
    make_agent(role="accueil", email="accueil@exemple.fr", territoire="evreux", lieux=(MSD,))
    login(accueil, email="accueil@exemple.fr")
    assert accueil.get(seance_url).status_code == 200


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"jour": "demain"}, 400, "Donnez la date de la séance, par exemple 2026-12-02."),
        ({"heure": ""}, 400, "heure de début, par exemple 14:00."),
        ({"places": "0"}, 400, "Donnez un nombre de places entre 1 et 500."),
        ({"places": "beaucoup"}, 400, "Donnez un nombre de places entre 1 et 500."),
        ({"jour": "2026-11-20"}, 422, "Cette date est passée."),
        ({"motif": "premier_rendez_vous_ts"}, 422, "Choisissez un atelier ou une réunion."),
    ],
)
def test_a_wrong_session_gets_a_clear_message_and_nothing_is_made(
    app: Flask, client: FlaskClient, make_agent, changes: dict, status: int, message: str
) -> None:  # type: ignore[no-untyped-def]
    _conseiller(make_agent, client)
    reponse = _creer(client, **changes)
    assert reponse.status_code == status
    assert message in reponse.get_data(as_text=True)
    with app.app_context():
        session = app.extensions["database"].session()
        assert session.scalars(select(Plage).where(Plage.places.is_not(None))).all() == []


def test_cancelling_a_session_tells_each_person_booked(
    app: Flask, client: FlaskClient, make_agent
) -> None:  # type: ignore[no-untyped-def]
    _conseiller(make_agent, client)
    seance_url = _creer(client).headers["Location"]
    for nom in ("Martin", "Durand"):
        assert app.test_client().post("/api/v1/rendez-vous", json=place(nom)).status_code == 201
    page = client.get(seance_url).get_data(as_text=True)
    assert "Camille Martin" in page and "2 inscrits sur 3" in page
    assert "1 place restante" in page
    reponse = client.post(seance_url + "/annuler", data={
        "csrf_token": csrf_token(client, seance_url), "message": "La salle est fermée."})
    assert reponse.status_code == 302
    page = client.get(seance_url).get_data(as_text=True)
    assert "Les personnes inscrites sont prévenues (2)" in page
    assert "Séance annulée" in page
    with app.app_context():
        session = app.extensions["database"].session()
        seats = session.scalars(select(RendezVous)).all()
        assert {r.statut for r in seats} == {StatutRendezVous.annule}
        annonces = session.scalars(select(Notification).where(
            Notification.modele == "annulation")).all()
        assert {n.rendez_vous_id for n in annonces} == {r.id for r in seats}
    refus = app.test_client().post("/api/v1/rendez-vous", json=place("Petit"))
    assert refus.status_code == 422
    again = client.post(seance_url + "/annuler",
                        data={"csrf_token": csrf_token(client, ATELIERS)})
    assert again.status_code == 302
    assert "déjà annulée" in client.get(seance_url).get_data(as_text=True)


def test_attendance_after_the_session_feeds_the_no_show_figures(
    app: Flask, client: FlaskClient, make_agent
) -> None:  # type: ignore[no-untyped-def]
    seance_id = seance(app, places=5)
    for nom in ("Martin", "Durand", "Petit"):
        assert app.test_client().post("/api/v1/rendez-vous", json=place(nom)).status_code == 201
    make_agent(role="travailleur_social", territoire="evreux", lieux=(MSD,))
    login(client)
    with app.app_context():
        session = app.extensions["database"].session()
        url = f"/agent/rendez-vous/ateliers/{session.get(Plage, seance_id).reference}"
        ids = session.scalars(select(RendezVous.id).order_by(RendezVous.id)).all()
    statuts = {f"statut-{ids[0]}": "present", f"statut-{ids[1]}": "absent",
               f"statut-{ids[2]}": "present"}
    # Before the session: refused, nothing recorded.
    avant = client.post(url + "/presences", data={"csrf_token": csrf_token(client, url),
                                                  **statuts})
    assert avant.status_code == 302
    assert "pas encore eu lieu" in client.get(url).get_data(as_text=True)
    app.config["NOW"] = lambda: MERCREDI_14H + timedelta(hours=2)
    login(client)
    page = client.get(url).get_data(as_text=True)
    assert f'name="statut-{ids[0]}" value="absent"' in page  # one choice per seat
    client.post(url + "/presences", data={"csrf_token": csrf_token(client, url), **statuts})
    assert "Présences enregistrées (3)" in client.get(url).get_data(as_text=True)
    with app.app_context():
        session = app.extensions["database"].session()
        taux = taux_absence(session, lieux=[MSD], depuis=date(2026, 11, 23),
                            jusqu_a=date(2026, 11, 30), now=MERCREDI_14H + timedelta(hours=2))
        assert (taux.par_motif[REUNION].presents, taux.par_motif[REUNION].absents) == (2, 1)
        figures = compute_indicateurs(
            session, catalogue=app.extensions["catalogue"],
            periode=Periode(du=date(2026, 11, 23), au=date(2026, 11, 23)), territoire="evreux",
            now=MERCREDI_14H + timedelta(hours=2), zone=LUNDI_10H.tzinfo,  # type: ignore[arg-type]
        )
        par_motif = next(i for i in figures.liste if i.code == "rendez_vous_motif")
        assert par_motif.total(REUNION, "absents") == 1
        assert par_motif.total(REUNION, "presents") == 2
        assert par_motif.total(REUNION, "taux_absence_pct") == pytest.approx(33.3, abs=0.1)
