"""Every letter in content/courriers passes the schema, in fr, en and ar; the schema is strict."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from portal.catalogue import Catalogue
from portal.catalogue.references import CHECKS, _courriers
from portal.catalogue.schemas.courrier import Courrier, Theme, normalise_code

ROOT = Path(__file__).resolve().parents[3]
FICHIERS = sorted((ROOT / "content" / "courriers").glob("*.yml"))
LANGUES = ("fr", "en", "ar")
ARABE = range(0x0600, 0x0700)


def _donnees(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _textes(courrier: Courrier) -> list[Any]:
    textes = [
        courrier.service,
        courrier.titre,
        courrier.resume,
        courrier.pourquoi,
        courrier.delai,
        courrier.echeance,
        courrier.sinon,
        *courrier.etapes,
        *courrier.documents,
        *(aide.texte for aide in courrier.qui_aide),
    ]
    if courrier.recours:
        textes += [courrier.recours.aupres_de, courrier.recours.comment]
    return textes


def test_at_least_ten_real_kinds_of_letters_across_the_themes() -> None:
    codes = {_donnees(p)["code"] for p in FICHIERS}
    assert len(codes) >= 10
    attendus = {"RSA-ORIENT", "RSA-CTRL", "RSA-SANCT", "RSA-INDU", "RSA-DROIT", "APA-PLAN",
                "APA-DEC", "PCH-DEC", "ASH-OA", "FSH-DEC", "PMI-BILAN"}  # fmt: skip
    assert attendus <= codes
    themes = {_donnees(p)["theme"] for p in FICHIERS}
    assert themes == {t.value for t in Theme}


@pytest.mark.parametrize("path", FICHIERS, ids=lambda p: p.name)
def test_each_letter_passes_the_schema_in_every_language(path: Path) -> None:
    courrier = Courrier.model_validate(_donnees(path))
    assert path.stem == courrier.code.lower()
    for texte in _textes(courrier):
        for langue in LANGUES:
            assert getattr(texte, langue).strip(), (path.name, langue)
        # Each language is really written in it, not a copy of the French.
        assert texte.en != texte.fr or len(texte.fr) < 12, texte.fr
        assert any(ord(ch) in ARABE for ch in texte.ar), texte.ar
    # Until beneficiaries re-read them, the page says so.
    assert courrier.relu_par_usagers is False


@pytest.mark.parametrize("path", FICHIERS, ids=lambda p: p.name)
def test_plain_language_short_sentences(path: Path) -> None:
    """FALC: one idea per sentence; a long sentence is a sign of administrative style."""
    courrier = Courrier.model_validate(_donnees(path))
    for texte in _textes(courrier):
        for phrase in texte.fr.replace("?", ".").replace("!", ".").split(". "):
            assert len(phrase.split()) <= 25, phrase


def _mauvais(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(_donnees(FICHIERS[0]))
    change(data)
    return data


@pytest.mark.parametrize(
    ("nom", "change", "message"),
    [
        ("arabe manquant", lambda d: d["titre"].pop("ar"), "titre.ar"),
        ("code en minuscules", lambda d: d.update(code="rsa-ctrl"), "code"),
        ("échéance sans {date}", lambda d: d["echeance"].update(fr="Avant la date."), "{date}"),
        ("accolade en trop", lambda d: d["echeance"].update(en="{date} {x}"), "accolade"),
        (
            "versions qui se chevauchent",
            lambda d: d.update(
                versions=[
                    {"numero": 1, "depuis": "2020-01-01", "jusqu_au": "2025-06-01"},
                    {"numero": 2, "depuis": "2025-01-01"},
                ]
            ),
            "chevauche",
        ),
        (
            "version ouverte puis une autre",
            lambda d: d.update(
                versions=[
                    {"numero": 1, "depuis": "2020-01-01"},
                    {"numero": 2, "depuis": "2025-01-01"},
                ]
            ),
            "date de fin",
        ),
        ("relu sans date", lambda d: d.update(relu_par_usagers=True), "relu_le"),
        (
            "rendez-vous sans motif",
            lambda d: d["qui_aide"][0].pop("motif"),
            "motif",
        ),
        (
            "lien sans adresse",
            lambda d: d["qui_aide"].append({"type": "lien", "texte": d["titre"]}),
            "url",
        ),
        ("clé inconnue", lambda d: d.update(pourquoi_pas="x"), "pourquoi_pas"),
        ("aucune étape", lambda d: d.update(etapes=[]), "etapes"),
    ],
)
def test_the_schema_refuses_broken_letters(nom: str, change: Any, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Courrier.model_validate(_mauvais(change))
    assert message in str(exc.value), nom


def test_the_version_of_a_day() -> None:
    courrier = Courrier.model_validate(_donnees(ROOT / "content/courriers/rsa-ctrl.yml"))
    assert courrier.version_du(date(2024, 6, 1)).numero == 1
    assert courrier.version_du(date(2026, 11, 23)).numero == 2
    assert courrier.version_du(date(2000, 1, 1)).numero == 1


def test_codes_stay_distinct_once_typed_without_dashes() -> None:
    cles = Counter(normalise_code(_donnees(p)["code"]) for p in FICHIERS)
    assert max(cles.values()) == 1


def test_cross_check_file_name_and_codes_that_read_the_same() -> None:
    courrier = Courrier.model_validate(_donnees(ROOT / "content/courriers/rsa-ctrl.yml"))
    jumeau = courrier.model_copy(update={"code": "RS-ACTRL"})
    catalogue = Catalogue(
        {
            "communes": None,
            "territoires": None,
            "lieux": {},
            "courriers": {"rsa-ctrl": courrier, "mal-nomme": jumeau},
        }
    )
    problemes = list(_courriers(catalogue))
    attendu = ("courriers/mal-nomme.yml", "code", "le fichier doit s'appeler rs-actrl.yml")
    assert attendu in problemes
    assert any("se confond avec RSA-CTRL" in raison for _f, _c, raison in problemes)
    assert _courriers in CHECKS  # and it runs with the others at start-up
