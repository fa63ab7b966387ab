"""Which households the age and rate rules of `elagage.py` apply to (no OpenFisca run)."""

from __future__ import annotations

from datetime import date

import pytest

from portal.simulateur.moteur.elagage import (
    AGE_SANS_AAH_PARTIELLE,
    AGE_SANS_ASI,
    TAUX_SOUS_80,
    neutres_of,
)
from portal.simulateur.schemas import SimulationRequest

AUJOURD_HUI = date(2026, 1, 15)


def _foyer(*adultes: tuple[date, float]) -> SimulationRequest:
    return SimulationRequest.model_validate(
        {
            "mois": "2026-01",
            "commune": "27229",
            "couple": len(adultes) == 2,
            "adultes": [
                {"date_naissance": naissance, "activite": "retraite", "taux_incapacite": taux}
                for naissance, taux in adultes
            ],
            "enfants": [],
            "logement": {"statut": "locataire", "loyer_mensuel": 400.0},
        },
        context={"today": AUJOURD_HUI},
    )


AGE_PILE = date(2026 - AGE_SANS_AAH_PARTIELLE, 1, 1)  # exactly that age on 2026-01-01
UN_JOUR_DE_MOINS = date(2026 - AGE_SANS_AAH_PARTIELLE, 1, 2)


def test_the_two_ages_are_the_same_and_past_the_aspa_age() -> None:
    assert AGE_SANS_AAH_PARTIELLE == AGE_SANS_ASI == 68


@pytest.mark.parametrize(
    ("adultes", "attendus"),
    [
        # Below 50 %: nothing, at any age (the older rule).
        ([(date(1990, 1, 1), 30)], {"aah", "caah", "asi"}),
        # 50 to 79 %: the complement never; the AAH and the ASI from the age only.
        ([(AGE_PILE, 60)], {"aah", "caah", "asi"}),
        ([(UN_JOUR_DE_MOINS, 60)], {"caah"}),
        ([(AGE_PILE, TAUX_SOUS_80 - 0.01)], {"aah", "caah", "asi"}),
        # From the margin below 80 %: the AAH and its complement stay, the ASI goes by age.
        ([(AGE_PILE, TAUX_SOUS_80)], {"asi"}),
        ([(AGE_PILE, 80)], {"asi"}),
        ([(UN_JOUR_DE_MOINS, 80)], set()),
        # A couple: the rule must hold for both adults.
        ([(AGE_PILE, 60), (date(1990, 1, 1), 0)], {"aah", "caah", "asi"}),
        ([(AGE_PILE, 60), (date(1990, 1, 1), 55)], {"caah"}),
        ([(date(1940, 1, 1), 90), (date(1945, 1, 1), 60)], {"asi"}),
    ],
)
def test_age_and_rate_rules(adultes: list[tuple[date, float]], attendus: set[str]) -> None:
    assert neutres_of(_foyer(*adultes)) & {"aah", "caah", "asi"} == attendus
