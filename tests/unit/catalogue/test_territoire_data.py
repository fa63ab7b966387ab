"""Consistency of the territory data: communes → EPCI → territoire → lieux.

Booking and "Trouver un lieu" start from a commune, so every Eure commune must
reach exactly one territoire, and every place must sit in a known commune.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import opening_hours
import pytest
import yaml

ROOT = Path(__file__).parents[3]
TERRITOIRE = ROOT / "content" / "territoire"
LIEUX = sorted((ROOT / "content" / "lieux").glob("*.yml"))


@cache
def communes_data() -> dict[str, Any]:
    return json.loads((TERRITOIRE / "communes.json").read_text(encoding="utf-8"))


@cache
def territoires() -> list[dict[str, Any]]:
    data = yaml.safe_load((TERRITOIRE / "territoires.yml").read_text(encoding="utf-8"))
    return data["territoires"]


def load_lieu(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_communes_are_the_eure_current_communes() -> None:
    communes = communes_data()["communes"]
    codes = [c["code"] for c in communes]
    assert len(communes) > 500
    assert all(code.startswith("27") and len(code) == 5 for code in codes)
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)
    for commune in communes:
        assert commune["codes_postaux"], commune["code"]
        for code_postal in commune["codes_postaux"]:
            assert re.fullmatch(r"\d{5}", code_postal), (commune["code"], code_postal)


def test_every_commune_epci_is_listed() -> None:
    data = communes_data()
    listed = {epci["code"] for epci in data["epci"]}
    assert {c["epci"] for c in data["communes"]} == listed


def test_every_commune_resolves_to_exactly_one_territoire() -> None:
    ids = [t["id"] for t in territoires()]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9_-]+", i) for i in ids)
    epci_count = Counter(code for t in territoires() for code in t["epci"])
    assert [code for code, n in epci_count.items() if n > 1] == []
    # An EPCI no commune belongs to is a typo in territoires.yml.
    known = {epci["code"] for epci in communes_data()["epci"]}
    assert set(epci_count) <= known
    orphans = [c["code"] for c in communes_data()["communes"] if epci_count[c["epci"]] != 1]
    assert orphans == []


def test_lieux_exist() -> None:
    assert len(LIEUX) >= 10


@pytest.mark.parametrize("path", LIEUX, ids=lambda p: p.stem)
def test_lieu_is_in_a_known_territoire_and_commune(path: Path) -> None:
    lieu = load_lieu(path)
    assert re.fullmatch(r"[a-z0-9_-]+", path.stem)
    assert lieu["territoire"] in {t["id"] for t in territoires()}
    communes = {c["code"]: c for c in communes_data()["communes"]}
    assert lieu["code_insee"] in communes
    commune = communes[lieu["code_insee"]]
    assert lieu["code_postal"] in commune["codes_postaux"]
    # The place's commune must belong to the territoire it says it serves.
    territoire = next(t for t in territoires() if t["id"] == lieu["territoire"])
    assert commune["epci"] in territoire["epci"]


@pytest.mark.parametrize("path", LIEUX, ids=lambda p: p.stem)
def test_lieu_opening_hours_parse(path: Path) -> None:
    opening_hours.OpeningHours(load_lieu(path)["horaires_accueil"])


def test_every_territoire_has_a_maison_des_solidarites() -> None:
    with_msd = {
        lieu["territoire"]
        for lieu in map(load_lieu, LIEUX)
        if lieu["type"] == "maison_des_solidarites"
    }
    assert {t["id"] for t in territoires()} <= with_msd
