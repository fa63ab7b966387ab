"""Every stable code has one label, on its enum; the stored codes do not change."""

from __future__ import annotations

import pytest

from portal import models
from portal.models.choix import Choix

FAMILLES = [
    valeur for valeur in vars(models).values()
    if isinstance(valeur, type) and issubclass(valeur, Choix) and valeur is not Choix
]


def test_the_families_are_enums_with_labels() -> None:
    noms = {famille.__name__ for famille in FAMILLES}
    assert {"Action", "Auteur", "Evenement", "GenreSuivi", "Issue", "ModeContact", "NonRecours",
            "ResultatAppel", "SourceDemande", "StatutDemande", "Topic", "Urgence"} <= noms


@pytest.mark.parametrize("famille", FAMILLES, ids=lambda f: f.__name__)
def test_each_code_is_itself_and_has_a_label(famille: type[Choix]) -> None:
    for membre in famille:
        assert membre == membre.value and str(membre) == membre.value
        assert famille(membre.value) is membre
        assert str(membre.libelle).strip(), membre
        assert famille.libelle_de(membre.value) == str(membre.libelle)
    assert famille.libelle_de("code_inconnu") == "code_inconnu"


def test_the_stored_codes_are_those_of_before() -> None:
    assert list(models.SourceDemande) == ["assistant", "formulaire", "borne", "aidant", "telephone"]
    assert list(models.StatutDemande) == [
        "nouvelle", "prise_en_charge", "rendez_vous_pris", "orientee", "en_attente", "close",
    ]
    assert str(models.SourceDemande.borne.libelle) == "Borne d'accueil"
    assert str(models.NonRecours.meconnaissance.libelle) == "Ne connaissait pas l'aide"
