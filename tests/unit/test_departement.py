"""The département is named by content/ only: another département edits content, not code."""

from __future__ import annotations

import re
from pathlib import Path

from portal.catalogue import Catalogue

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("*.py", "*.html", "*.js", "*.txt")


def test_no_departement_name_in_the_code_or_templates(catalogue: Catalogue) -> None:
    nom = catalogue.departement.nom
    # The name alone, not inside a place name (« Seine-Eure », « Pacy-sur-Eure »).
    mot = re.compile(rf"(?<![\w-]){re.escape(nom)}(?![\w-])")
    trouves = [
        f"{chemin.relative_to(ROOT)}:{numero}"
        for motif in SOURCES
        for chemin in sorted((ROOT / "portal").rglob(motif))
        for numero, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), 1)
        if mot.search(ligne)
    ]
    assert trouves == []


def test_sentences_take_the_name_from_content(catalogue: Catalogue) -> None:
    assert catalogue.departement.mots("fr") == {
        "departement": "de l'Eure", "dans_departement": "dans l'Eure",
    }
    assert catalogue.departement.mots("en")["dans_departement"] == "in the Eure"
