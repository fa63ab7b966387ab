"""Bad input to POST /api/v1/simulations: one case per row, the field it is reported on."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from portal.simulateur.schemas import SimulationRequest

TODAY = date(2026, 1, 15)
COMMUNES = {"27229", "27681", "27056"}
VALIDE: dict[str, Any] = {
    "mois": "2026-01",
    "commune": "27229",
    "couple": False,
    "adultes": [
        {
            "date_naissance": "1985-04-02",
            "activite": "salarie",
            "salaire_net_mensuel": 800,
            "chomage_net_mensuel": 0,
            "retraite_brute_mensuelle": 0,
            "taux_incapacite": 0,
            "gir": None,
        }
    ],
    "enfants": [{"date_naissance": "2019-09-01"}],
    "logement": {"statut": "locataire", "loyer_mensuel": 500, "logement_social": False},
}


def _with(path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALIDE)
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is _DELETE:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


_DELETE = object()


def _parse(data: Any) -> SimulationRequest:
    return SimulationRequest.parse(data, communes=COMMUNES, today=TODAY)


def test_the_design_example_is_valid() -> None:
    requete = _parse(VALIDE)
    assert requete.adultes[0].salaire_net_mensuel == 800


@pytest.mark.parametrize(
    ("path", "value", "champ"),
    [
        ("adultes.0.salaire_net_mensuel", -1, "adultes.0.salaire_net_mensuel"),
        ("adultes.0.salaire_net_mensuel", "1.200", "adultes.0.salaire_net_mensuel"),
        ("adultes.0.salaire_net_mensuel", 10_000_000, "adultes.0.salaire_net_mensuel"),
        ("adultes.0.chomage_net_mensuel", "beaucoup", "adultes.0.chomage_net_mensuel"),
        ("adultes.0.retraite_brute_mensuelle", -5, "adultes.0.retraite_brute_mensuelle"),
        ("adultes.0.date_naissance", "2030-01-01", "adultes.0.date_naissance"),
        ("adultes.0.date_naissance", "02/04/1985", "adultes.0.date_naissance"),
        ("adultes.0.date_naissance", _DELETE, "adultes.0.date_naissance"),
        ("adultes.0.activite", "astronaute", "adultes.0.activite"),
        ("adultes.0.taux_incapacite", 120, "adultes.0.taux_incapacite"),
        ("adultes.0.gir", 7, "adultes.0.gir"),
        ("adultes.0.gir", "2", "adultes.0.gir"),
        ("adultes.0.inconnu", 1, "adultes.0.inconnu"),
        ("enfants.0.date_naissance", "2027-01-01", "enfants.0.date_naissance"),
        ("commune", "75056", "commune"),
        ("commune", 27229, "commune"),
        ("mois", "2026-13", "mois"),
        ("mois", "2031-01", "mois"),
        ("mois", _DELETE, "mois"),
        ("couple", "non", "couple"),
        ("couple", True, "adultes"),
        ("adultes", [], "adultes"),
        ("adultes", "un adulte", "adultes"),
        ("enfants", {"date_naissance": "2019-09-01"}, "enfants"),
        ("logement.statut", "chateau", "logement.statut"),
        ("logement.loyer_mensuel", -300, "logement.loyer_mensuel"),
        ("logement.loyer_mensuel", 1_000_000, "logement.loyer_mensuel"),
        ("logement.logement_social", "oui", "logement.logement_social"),
        ("logement", _DELETE, "logement"),
    ],
)
def test_bad_input_is_reported_on_its_field(path: str, value: Any, champ: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        _parse(_with(path, value))
    champs = {".".join(str(p) for p in e["loc"]) for e in excinfo.value.errors()}
    assert champ in champs


def test_a_couple_has_two_adults() -> None:
    data = _with("couple", True)
    data["adultes"].append(dict(data["adultes"][0], activite="inactif"))
    assert len(_parse(data).adultes) == 2


def test_not_a_json_object() -> None:
    with pytest.raises(ValidationError):
        _parse(["mois", "2026-01"])
