"""What people type to find their commune: tests as a table."""

from __future__ import annotations

import pytest

from portal.catalogue import Catalogue
from portal.lieux.communes import CommuneIndex, Statut, index_for, normalise


@pytest.fixture(scope="module")
def index(catalogue: Catalogue) -> CommuneIndex:
    return index_for(catalogue)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Évreux", "27229"),
        ("evreux", "27229"),
        ("EVREUX ", "27229"),
        ("  évreux", "27229"),
        ("Vernon", "27681"),
        ("les andelys", "27016"),
        ("Les-Andelys", "27016"),
        ("pont audemer", "27467"),
        ("bernay", "27056"),
        ("27200", "27681"),
    ],
)
def test_a_commune_is_found_whatever_the_accents_case_or_dashes(
    index: CommuneIndex, texte: str, attendu: str
) -> None:
    resultat = index.search(texte)
    assert resultat.statut == Statut.trouvee, resultat
    assert resultat.communes[0].code == attendu


def test_a_postal_code_shared_by_several_communes_asks_which_one(
    index: CommuneIndex, catalogue: Catalogue
) -> None:
    partages = {}
    for commune in catalogue.communes.values():
        for cp in commune.codes_postaux:
            partages.setdefault(cp, []).append(commune.code)
    code_postal, codes = next((cp, c) for cp, c in sorted(partages.items()) if len(c) > 3)
    resultat = index.search(code_postal)
    assert resultat.statut == Statut.plusieurs
    assert sorted(c.code for c in resultat.communes) == sorted(codes)


@pytest.mark.parametrize(("texte", "suggere"), [("evrux", "27229"), ("vernnon", "27681")])
def test_a_typo_gets_suggestions(index: CommuneIndex, texte: str, suggere: str) -> None:
    resultat = index.search(texte)
    assert resultat.statut == Statut.inconnue
    assert suggere in [c.code for c in resultat.communes]


@pytest.mark.parametrize("texte", ["", "   ", "---"])
def test_an_empty_search_says_so(index: CommuneIndex, texte: str) -> None:
    assert index.search(texte).statut == Statut.vide


def test_a_commune_outside_the_departement_is_unknown(index: CommuneIndex) -> None:
    resultat = index.search("75001")
    assert resultat.statut == Statut.inconnue
    assert resultat.communes == []


def test_saint_is_written_in_any_way() -> None:
    assert normalise("St-Aubin-sur-Gaillon") == normalise("Saint Aubin sur Gaillon")


def test_every_commune_is_found_by_its_own_name(
    index: CommuneIndex, catalogue: Catalogue
) -> None:
    for commune in catalogue.communes.values():
        resultat = index.search(commune.nom)
        assert commune.code in [c.code for c in resultat.communes], commune.nom
        assert resultat.statut in {Statut.trouvee, Statut.plusieurs}
