""""Étape N sur M": walking the whole flow, M never grows and N always does, whatever the
household (the issue's persona saw "sur 7", then "sur 8", "sur 9", "sur 11")."""

from __future__ import annotations

from typing import Any

import pytest

from portal.simulateur.parcours import (
    ETAPES,
    etapes_actives,
    is_total_exact,
    position,
    suivante,
)

MOIS = "2026-11"
FOYERS: dict[str, dict[str, Any]] = {
    "mère seule, deux enfants, HLM": {
        "commune": "27229", "naissance": "1990-05-12", "activite": "salarie", "salaire": 800.0,
        "handicap": "non", "couple": "non", "enfants": 2,
        "enfants_naissances": ["2016-03-04", "2019-09-20"], "garde_alternee": "non",
        "separation": "non", "grossesse": "non",
        "logement": "locataire", "loyer": 450.0, "logement_social": "oui", "epargne": "non",
        "sejour": "francaise_ue",
    },
    "couple âgé, handicap, propriétaires": {
        "commune": "27229", "naissance": "1950-01-01", "activite": "retraite",
        "retraite": 1100.0, "handicap": "oui", "taux_incapacite": "80_plus",
        "pension_invalidite": "non",
        "autonomie": "parfois", "couple": "oui", "conjoint_naissance": "1952-02-02",
        "conjoint_activite": "retraite", "conjoint_retraite": 700.0, "conjoint_handicap": "oui",
        "conjoint_taux_incapacite": "50_79", "conjoint_autonomie": "jamais", "enfants": 0,
        "logement": "proprietaire", "epargne": "oui", "sejour": "titre_5_ans_plus",
    },
    "père seul, enfant de deux ans (la séparation n'est pas demandée)": {
        "commune": "27229", "naissance": "1992-02-02", "activite": "chomeur", "chomage": 700.0,
        "handicap": "non", "couple": "non", "enfants": 1, "enfants_naissances": ["2025-01-15"],
        "garde_alternee": "oui", "grossesse": "non", "logement": "locataire", "loyer": 400.0,
        "logement_social": "non", "epargne": "non", "sejour": "francaise_ue",
    },
    "jeune sans logement": {
        "commune": "27229", "naissance": "2003-07-01", "activite": "inactif",
        "handicap": "non", "couple": "non", "enfants": 0, "grossesse": "oui",
        "logement": "sans_domicile", "epargne": "non", "sejour": "ne_dit_pas",
    },
    "couple avec enfant, conjoint au chômage": {
        "commune": "27229", "naissance": "1988-01-01", "activite": "independant",
        "handicap": "non", "couple": "oui", "conjoint_naissance": "1989-03-03",
        "conjoint_activite": "chomeur", "conjoint_chomage": 900.0, "conjoint_handicap": "non",
        "enfants": 1, "enfants_naissances": ["2022-01-01"], "logement": "heberge",
        # in a couple: neither custody, separation nor pregnancy is asked
        "epargne": "non", "sejour": "francaise_ue",
    },
}


@pytest.mark.parametrize("foyer", FOYERS.values(), ids=FOYERS.keys())
def test_the_total_never_grows_along_the_flow(foyer: dict[str, Any]) -> None:
    reponses: dict[str, Any] = {"mois": MOIS}
    etape = etapes_actives(reponses)[0]
    vus: list[tuple[int, int]] = []
    while etape is not None:
        vus.append(position(etape, reponses))
        reponses[etape.id] = foyer[etape.id]
        etape = suivante(etape, reponses)
    numeros = [n for n, _ in vus]
    totaux = [t for _, t in vus]
    assert numeros == list(range(1, len(vus) + 1))
    assert totaux == sorted(totaux, reverse=True), totaux
    assert totaux[-1] >= len(vus)  # an upper bound ("au plus") until the last answers
    assert set(foyer) <= {e.id for e in ETAPES}  # every answer belongs to a step
    assert len(vus) == len(foyer)  # and every answer was asked


def test_the_total_is_said_exact_only_when_it_is() -> None:
    foyer = FOYERS["mère seule, deux enfants, HLM"]
    debut = {"mois": MOIS}
    assert not is_total_exact(debut)
    tout = {"mois": MOIS, **foyer}
    assert is_total_exact(tout)
    assert position(ETAPES[-1], tout) == (len(foyer), len(foyer))
