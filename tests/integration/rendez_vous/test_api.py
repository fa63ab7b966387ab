"""The API contracts of DESIGN.md: motifs, créneaux, booking (201, 409 with the next free
créneaux, 4xx with one message per field in the request language, never a 500)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.integration.rendez_vous.conftest import MARDI_9H, MOTIF, MSD, book


def test_motifs_lists_the_six_motifs_in_the_request_language(client: FlaskClient) -> None:
    motifs = client.get("/api/v1/motifs", headers={"Accept-Language": "fr"}).get_json()
    ids = {m["id"] for m in motifs}
    assert {"premier_rendez_vous_ts", "rsa_orientation", "dossier_apa", "dossier_mdph",
            "aide_demarches_en_ligne", "pmi_consultation"} <= ids
    premier = next(m for m in motifs if m["id"] == MOTIF)
    assert premier["duree_minutes"] == 45
    assert premier["nom"] == "Premier rendez-vous avec un travailleur social"


def test_creneaux_of_a_lieu_with_offsets_and_in_order(client: FlaskClient, plages: int) -> None:
    response = client.get(f"/api/v1/creneaux?lieu={MSD}&motif={MOTIF}&du=2026-11-23&au=2026-11-27")
    assert response.status_code == 200
    creneaux = response.get_json()
    assert creneaux[0] == {"debut": "2026-11-24T09:00:00+01:00", "fin": "2026-11-24T09:45:00+01:00"}
    debuts = [c["debut"] for c in creneaux]
    assert debuts == sorted(debuts)
    # Monday 10:00 is "now": with a 4-hour minimum delay nothing is offered on Monday.
    assert not any(d.startswith("2026-11-23") for d in debuts)


def test_booking_then_the_same_time_again_is_a_409_with_next_free(
    client: FlaskClient, plages: int
) -> None:
    premier = book(client)
    assert premier.status_code == 201
    corps = premier.get_json()
    assert set(corps) == {"reference", "gestion_url", "debut", "lieu", "telephone_type", "sms"}
    assert corps["telephone_type"] == "portable" and corps["sms"] is True
    assert corps["debut"] == MARDI_9H.isoformat()
    assert corps["gestion_url"].startswith("http://localhost/r/")
    assert "Martin" not in corps["gestion_url"]
    second = book(client, usager={"nom": "Durand"})
    assert second.status_code == 409
    assert "vient d'être pris" in second.get_json()["erreurs"]["debut"]
    suivants = second.get_json()["creneaux"]
    assert len(suivants) == 3
    assert suivants[0]["debut"] == "2026-11-24T09:45:00+01:00"


@pytest.mark.parametrize(
    ("changes", "champ", "message"),
    [
        ({"lieu": "nulle-part"}, "lieu", "Ce lieu n'existe pas."),
        ({"motif": "inconnu"}, "motif", "Ce motif de rendez-vous n'existe pas."),
        ({"debut": "2026-11-24T09:10:00+01:00"}, "debut", "n'est pas un créneau"),
        ({"debut": "2026-11-20T09:00:00+01:00"}, "debut", "Cette date est passée."),
        ({"debut": "2027-03-02T09:00:00+01:00"}, "debut", "trop loin"),
        ({"debut": "2026-11-23T13:30:00+01:00"}, "debut", "trop proche"),
        ({"debut": "mardi"}, "debut", "avec le fuseau"),
        ({"debut": "2026-11-24T09:00:00"}, "debut", "avec le fuseau"),
        ({"usager": {"telephone": "06 12"}}, "usager.telephone", "n'est pas valide"),
        ({"usager": {"telephone": None, "email": "pas-une-adresse"}}, "usager.email",
         "n'est pas valide"),
        ({"usager": {"telephone": None}}, "usager.telephone", "téléphone ou une adresse"),
        ({"usager": {"nom": "x" * 101}}, "usager.nom", "100 caractères au plus"),
        ({"usager": {"prenom": ""}}, "usager.prenom", "obligatoire"),
        ({"usager": {"prenom": "\x00\x01"}}, "usager.prenom", "Écrivez des lettres."),
        ({"lieu": "fs-beuzeville"}, "lieu", "ne propose pas ce rendez-vous"),
        ({"lieu": "msd-vernon", "commune": "27229", "debut": "2026-11-24T09:00:00+01:00"},
         "lieu", "pas dans votre territoire"),
        ({"commune": "75056"}, "commune", "pas dans le département"),
        ({"foo": 1}, "foo", "n'est pas prévu"),
    ],
)
def test_bad_input_gets_a_4xx_with_a_message_on_the_field(
    client: FlaskClient, plages: int, changes: dict, champ: str, message: str
) -> None:
    response = book(client, **changes)
    assert 400 <= response.status_code < 500, response.get_json()
    erreurs = response.get_json()["erreurs"]
    assert message in erreurs[champ], erreurs


@pytest.mark.parametrize("corps", [None, [], "texte", {"usager": "x"}])
def test_malformed_bodies_are_400_not_500(client: FlaskClient, corps: object) -> None:
    response = client.post("/api/v1/rendez-vous", json=corps)
    assert response.status_code == 400
    assert "erreurs" in response.get_json()


def test_messages_follow_the_request_language(client: FlaskClient, plages: int) -> None:
    response = client.post(
        "/api/v1/rendez-vous",
        json={"lieu": MSD, "motif": "inconnu", "debut": MARDI_9H.isoformat(),
              "usager": {"prenom": "A", "nom": "B", "email": "a@exemple.fr"}},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert response.get_json()["erreurs"]["motif"] == (
        "This reason for an appointment does not exist."
    )


@pytest.mark.parametrize(
    ("query", "champ"),
    [
        ("lieu=x&motif=premier_rendez_vous_ts", "lieu"),
        ("lieu=msd-evreux&motif=x", "motif"),
        ("lieu=msd-evreux&motif=premier_rendez_vous_ts&du=demain", "du"),
        ("lieu=msd-evreux&motif=premier_rendez_vous_ts&du=2026-12-01&au=2026-11-01", "au"),
        ("lieu=msd-evreux&motif=premier_rendez_vous_ts&du=2026-01-01&au=2026-12-31", "au"),
        ("motif=premier_rendez_vous_ts", "lieu"),
    ],
)
def test_creneaux_bad_parameters(client: FlaskClient, query: str, champ: str) -> None:
    response = client.get(f"/api/v1/creneaux?{query}")
    assert response.status_code == 400
    assert champ in response.get_json()["erreurs"]


def test_lieux_filtered_by_motif(client: FlaskClient) -> None:
    fs = client.get("/api/v1/lieux?commune=27229&motif=aide_demarches_en_ligne").get_json()
    assert fs["lieux"] and all(lieu["type"] == "france_services" for lieu in fs["lieux"])
    pmi = client.get("/api/v1/lieux?commune=27229&motif=pmi_consultation").get_json()
    assert [lieu["id"] for lieu in pmi["lieux"]] == ["msd-evreux"]


def test_openapi_documents_the_routes(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/motifs", "/creneaux", "/rendez-vous"} <= set(paths)
