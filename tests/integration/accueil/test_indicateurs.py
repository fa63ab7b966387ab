"""/agent/indicateurs and its CSV: who may see them, the seeded figures in the chart's
description and in the table, the filters, and bad filter values (never a 500)."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import login
from tests.unit.accueil.test_indicateurs import seed_indicateurs

PERIODE = "du=2026-W47&au=2026-W48"
EVREUX = "Territoire d'Évreux"


@pytest.fixture
def seeded(app: Flask) -> None:
    with app.app_context():
        seed_indicateurs(app.extensions["database"].session())


def _sign_in(client: FlaskClient, make_agent, role: str) -> None:  # type: ignore[no-untyped-def]
    make_agent(role=role, email=f"{role}@exemple.fr")
    assert login(client, email=f"{role}@exemple.fr").status_code == 302


def _page(client: FlaskClient, query: str = PERIODE) -> tuple[int, str]:
    response = client.get(f"/agent/indicateurs?{query}")
    return response.status_code, html.unescape(response.get_data(as_text=True))


def _section(page: str, code: str) -> str:
    match = re.search(rf'<section id="{code}".*?</section>', page, re.S)
    assert match, f"pas de section {code}"
    return match.group(0)


def _desc(section: str) -> str:
    match = re.search(r"<desc [^>]*>(.*?)</desc>", section, re.S)
    assert match
    return match.group(1)


def _table(section: str) -> list[list[str]]:
    lignes = re.findall(r"<tr>(.*?)</tr>", section, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cellule).strip()
            for cellule in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", ligne, re.S)
        ]
        for ligne in lignes
    ]


def test_not_signed_in_goes_to_sign_in(client: FlaskClient) -> None:
    response = client.get("/agent/indicateurs")
    assert response.status_code == 302
    assert "/agent/connexion" in response.headers["Location"]
    assert client.get("/agent/indicateurs.csv").status_code == 302


@pytest.mark.parametrize("role", ["accueil", "travailleur_social", "conseiller_numerique"])
def test_front_desk_roles_get_403(client: FlaskClient, make_agent, role: str) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, make_agent, role)
    assert client.get("/agent/indicateurs").status_code == 403
    assert client.get("/agent/indicateurs.csv").status_code == 403


@pytest.mark.parametrize("role", ["responsable", "admin"])
def test_managers_see_the_page_and_the_home_links_to_it(
    client: FlaskClient,
    make_agent,
    role: str,  # type: ignore[no-untyped-def]
) -> None:
    _sign_in(client, make_agent, role)
    statut, page = _page(client, "")
    assert statut == 200
    assert "<h1>Indicateurs</h1>" in page
    # The default period: the last 8 ISO weeks up to the frozen today (week 48 of 2026).
    assert 'value="2026-W41"' in page and 'value="2026-W48"' in page
    assert "/agent/indicateurs" in client.get("/agent/").get_data(as_text=True)


def test_seeded_figures_are_in_the_chart_description_and_the_table(
    client: FlaskClient,
    make_agent,
    seeded: None,  # type: ignore[no-untyped-def]
) -> None:
    _sign_in(client, make_agent, "responsable")
    statut, page = _page(client, PERIODE + "&territoire=evreux")
    assert statut == 200

    source = _section(page, "demandes_source")
    assert 'role="img"' in source and "aria-labelledby=" in source
    assert "Assistant en ligne : 3" in _desc(source)
    assert "Formulaire « Laisser une demande » : 2" in _desc(source)
    tableau = _table(source)
    assert tableau[0] == ["Territoire", "Semaine", "Canal", "Nombre"]
    assert ["Ensemble", "Toute la période", "Assistant en ligne", "3"] in tableau
    assert [EVREUX, "semaine 47 de 2026", "Téléphone", "1"] in tableau

    contact = _desc(_section(page, "premier_contact"))
    assert "Non urgentes (délais en heures) : 75 % (3 sur 4)" in contact
    assert "délai médian 7 heures, 90e centile 24 heures" in contact
    assert "1 pas encore contactées, dont 1 en retard" in contact
    tableau = _table(_section(page, "premier_contact"))
    assert [
        "Ensemble",
        "Toute la période",
        "Urgentes (délais en minutes)",
        "1",
        "1",
        "30",
        "30",
        "1",
        "100",
        "0",
        "0",
    ] in tableau

    orientation = _section(page, "orientation_partenaire")
    assert "CAF de l'Eure : 2" in _desc(orientation)
    assert "50 % (3 sur 6)" in _desc(_section(page, "orientation"))
    assert "Ne connaissait pas l'aide : 2" in _desc(_section(page, "non_recours"))

    motifs = _section(page, "rendez_vous_motif")
    assert "25 % (1 absents sur 4)" in _desc(motifs)
    assert any(ligne[-1] == "25" and ligne[-3:-1] == ["1", "3"] for ligne in _table(motifs))
    assert "Simulations : 3" in _desc(_section(page, "simulations"))
    assert "66,7 % de oui (2 oui, 1 non)" in _desc(_section(page, "courriers_avis"))
    # Gaillon's rendez-vous and demande are another territoire's.
    assert "100 %" not in _desc(motifs)


def test_all_territoires_show_each_territoire_and_their_sum(
    client: FlaskClient,
    make_agent,
    seeded: None,  # type: ignore[no-untyped-def]
) -> None:
    _sign_in(client, make_agent, "admin")
    statut, page = _page(client)
    assert statut == 200
    topic = _section(page, "demandes_topic")
    assert "Logement : 3" in _desc(topic)
    territoires = {ligne[0] for ligne in _table(topic)[1:]}
    assert {"Ensemble", EVREUX} <= territoires and len(territoires) == 3
    assert "Courriers ouverts par leur QR code" in page
    assert "APA-DEC" in _desc(_section(page, "courriers_scans"))


def test_an_empty_period_says_so(client: FlaskClient, make_agent, seeded: None) -> None:  # type: ignore[no-untyped-def]
    _sign_in(client, make_agent, "admin")
    statut, page = _page(client, "du=2025-W01&au=2025-W02")
    assert statut == 200
    assert "Aucune donnée sur cette période." in _section(page, "demandes_source")
    assert "<svg" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("territoire=atlantide", "Ce territoire n'existe pas."),
        ("du=2026-W99", "La semaine « 2026-W99 » n'existe pas."),
        ("au=n%27importe+quoi", "La semaine « n'importe quoi » n'existe pas."),
        ("du=2026-W48&au=2026-W40", "La première semaine doit venir avant la dernière."),
        ("du=2000-W01&au=2026-W48", "Choisissez au plus 106 semaines."),
    ],
)
def test_bad_filters_get_a_clear_message_and_a_400(
    client: FlaskClient,
    make_agent,
    query: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    _sign_in(client, make_agent, "responsable")
    statut, page = _page(client, query)
    assert statut == 400
    assert message in page
    assert 'role="alert"' in page
    response = client.get(f"/agent/indicateurs.csv?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_the_csv_has_the_same_figures_per_territoire_week_indicator_and_key(
    client: FlaskClient,
    make_agent,
    seeded: None,  # type: ignore[no-untyped-def]
) -> None:
    _sign_in(client, make_agent, "admin")
    response = client.get(f"/agent/indicateurs.csv?{PERIODE}&territoire=evreux")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="indicateurs_2026-W47_2026-W48_evreux.csv"'
    )
    contenu = response.get_data()
    assert contenu.startswith("\ufeff".encode())
    lignes = list(csv.reader(io.StringIO(contenu.decode("utf-8-sig")), delimiter=";"))
    assert lignes[0] == ["territoire", "semaine", "indicateur", "cle", "mesure", "valeur"]
    assert ["evreux", "2026-W47", "demandes_source", "assistant", "nombre", "3"] in lignes
    assert ["evreux", "2026-W47", "premier_contact", "normales_heures", "p90", "24"] in lignes
    assert [
        "evreux",
        "2026-W47",
        "rendez_vous_motif",
        "rsa_orientation",
        "taux_absence_pct",
        "25",
    ] in lignes
    assert ["", "2026-W47", "courriers_avis", "APA-DEC", "part_oui_pct", "66,7"] in lignes
    assert {ligne[0] for ligne in lignes[1:]} <= {"evreux", ""}  # Gaillon is not in it
    # No personal data: no reference, name or phone number of a demande.
    assert b"IND" not in contenu and b"+336" not in contenu and b"Camille" not in contenu
