"""The département adds its own partner with one YAML file, checked against the schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal.catalogue import CatalogueError, load_catalogue

ROOT = Path(__file__).resolve().parents[3]
NOUVEAU = """\
nom: "Épicerie solidaire de Louviers"
genre: association
role: "Aide alimentaire à petit prix, sur orientation d'un travailleur social."
telephone: "02 32 00 00 00"
territoires: [seine_eure]
topics: [budget]
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def test_115_and_mission_locale_are_partners() -> None:
    partenaires = load_catalogue(ROOT / "content").partenaires
    siao = partenaires["siao-115"]
    assert (siao.genre, siao.telephone, siao.demo) == ("siao", "115", True)
    assert "urgence" in siao.topics
    assert partenaires["mission-locale"].genre == "mission_locale"


def test_one_file_adds_a_partner(content: Path) -> None:
    avant = load_catalogue(content).partenaires
    (content / "partenaires" / "epicerie-solidaire-louviers.yml").write_text(
        NOUVEAU, encoding="utf-8"
    )
    partenaires = load_catalogue(content).partenaires
    assert set(partenaires) - set(avant) == {"epicerie-solidaire-louviers"}
    nouveau = partenaires["epicerie-solidaire-louviers"]
    assert (nouveau.nom, nouveau.territoires, nouveau.demo) == (
        "Épicerie solidaire de Louviers", ["seine_eure"], False
    )


@pytest.mark.parametrize(
    ("ancien", "nouveau", "champ", "raison"),
    [
        ("genre: association", "genre: epicerie", "genre", "Input should be"),
        ("topics: [budget]", "topics: [argent]", "topics.0", "Input should be"),
        ("territoires: [seine_eure]", "territoires: [atlantide]", "territoires.0",
         "atlantide inconnu"),
        ('telephone: "02 32 00 00 00"', 'telephone: "appeler la mairie"', "telephone",
         "pattern"),
        ("topics: [budget]", "topics: [budget]\nhoraires: lundi", "horaires",
         "Extra inputs are not permitted"),
    ],
    ids=["genre inconnu", "sujet mal écrit", "territoire inconnu", "téléphone illisible",
         "champ inconnu"],
)
def test_a_wrong_partner_file_is_refused_with_its_field(
    content: Path, ancien: str, nouveau: str, champ: str, raison: str
) -> None:
    assert ancien in NOUVEAU
    (content / "partenaires" / "epicerie-solidaire-louviers.yml").write_text(
        NOUVEAU.replace(ancien, nouveau), encoding="utf-8"
    )
    with pytest.raises(CatalogueError) as excinfo:
        load_catalogue(content)
    messages = [str(p) for p in excinfo.value.problemes]
    assert any(
        "partenaires/epicerie-solidaire-louviers.yml" in m and champ in m and raison in m
        for m in messages
    ), messages
