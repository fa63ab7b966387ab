"""Broken content is refused whole, with file, field and reason for every problem."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from portal.catalogue import CatalogueError, load_catalogue

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def _edit_yaml(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _un_lieu(content: Path) -> Path:
    return sorted((content / "lieux").glob("*.yml"))[0]


CASES: list[tuple[str, Callable[[Path], None], str, str]] = [
    (
        "texte arabe manquant",
        lambda c: _edit_yaml(_un_lieu(c), lambda d: d["description"].pop("ar")),
        "description.ar",
        "Field required",
    ),
    (
        "horaires illisibles",
        lambda c: _edit_yaml(_un_lieu(c), lambda d: d.update(horaires_accueil="lundi 9h")),
        "horaires_accueil",
        "opening_hours",
    ),
    (
        "territoire inconnu",
        lambda c: _edit_yaml(_un_lieu(c), lambda d: d.update(territoire="atlantide")),
        "territoire",
        "atlantide inconnu",
    ),
    (
        "clé mal écrite",
        lambda c: _edit_yaml(_un_lieu(c), lambda d: d.update(telephon="+33232000000")),
        "telephon",
        "Extra inputs are not permitted",
    ),
    (
        "téléphone pas au format E.164",
        lambda c: _edit_yaml(_un_lieu(c), lambda d: d.update(telephone="02 32 00 00 00")),
        "telephone",
        "E.164",
    ),
    (
        "commune hors du département",
        lambda c: _edit_yaml(_un_lieu(c), lambda d: d.update(code_insee="75056")),
        "code_insee",
        "inconnue",
    ),
    (
        "YAML cassé",
        lambda c: _un_lieu(c).write_text("nom: [pas fermé\n", encoding="utf-8"),
        "(fichier)",
        "illisible",
    ),
    (
        "fichier vide",
        lambda c: _un_lieu(c).write_text("", encoding="utf-8"),
        "(fichier)",
        "vide",
    ),
    (
        "EPCI dans deux territoires",
        lambda c: _edit_yaml(
            c / "territoire" / "territoires.yml",
            lambda d: d["territoires"][1]["epci"].append(d["territoires"][0]["epci"][0]),
        ),
        "territoires.1.epci",
        "dans 2 territoires",
    ),
    (
        "numéro d'urgence sans canal",
        lambda c: _edit_yaml(
            c / "urgences" / "numeros.yml", lambda d: d["numeros"][0].pop("canal")
        ),
        "numeros.0.canal",
        "Field required",
    ),
]


@pytest.mark.parametrize(("cas", "casser", "champ", "raison"), CASES, ids=[c[0] for c in CASES])
def test_broken_content_is_refused_with_its_reason(
    content: Path, cas: str, casser: Callable[[Path], None], champ: str, raison: str
) -> None:
    casser(content)
    with pytest.raises(CatalogueError) as excinfo:
        load_catalogue(content)
    messages = [str(p) for p in excinfo.value.problemes]
    assert any(champ in m and raison in m for m in messages), messages


def test_every_problem_is_reported_not_only_the_first(content: Path) -> None:
    lieux = sorted((content / "lieux").glob("*.yml"))
    for path in lieux[:3]:
        _edit_yaml(path, lambda d: d.update(horaires_accueil="n'importe quoi"))
    with pytest.raises(CatalogueError) as excinfo:
        load_catalogue(content)
    fichiers = {p.fichier for p in excinfo.value.problemes}
    assert fichiers == {f"lieux/{p.name}" for p in lieux[:3]}


def test_a_bad_file_name_is_refused(content: Path) -> None:
    shutil.copy(_un_lieu(content), content / "lieux" / "Mauvais Nom.yml")
    with pytest.raises(CatalogueError, match="nom de fichier"):
        load_catalogue(content)


def test_the_real_content_loads(content: Path) -> None:
    catalogue = load_catalogue(content)
    assert len(catalogue.communes) > 500
    assert len(catalogue.territoires) == 8
    assert catalogue.numeros_urgence[0].numero == "112"
