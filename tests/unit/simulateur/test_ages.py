"""The legal ages come from OpenFisca-France's parameter files, and the rules follow them."""

from __future__ import annotations

from datetime import date

import pytest

from portal.simulateur import parcours
from portal.simulateur.moteur import AgesLegaux, ages_legaux, elagage


def test_the_ages_are_those_of_the_parameters_around_today() -> None:
    # openfisca-france 176.1.8: 62 from 2017, 64 from 2023-09; ASPA 65; APA 60.
    assert ages_legaux(date(2026, 1, 15)) == AgesLegaux(
        retraite_min=62, retraite_max=64, aspa=65, apa=60
    )
    # Ten years earlier the window holds the ages before the 2010 reform (60.33 to 61.583).
    assert ages_legaux(date(2016, 6, 1)).retraite_min == 60


def _autonomie_demandee(naissance: str) -> bool:
    reponses = {"mois": "2026-11", "naissance": naissance, "couple": "non"}
    return "autonomie" in [e.id for e in parcours.etapes_actives(reponses)]


def test_the_rules_move_with_the_parameters(monkeypatch: pytest.MonkeyPatch) -> None:
    assert elagage.AGE_SANS_ASI == elagage.AGE_SANS_AAH_PARTIELLE == 68
    assert _autonomie_demandee("1966-11-01")  # 60 on the month's first day
    autres = AgesLegaux(retraite_min=63, retraite_max=66, aspa=67, apa=62)
    monkeypatch.setattr(elagage, "ages_legaux", lambda: autres)
    monkeypatch.setattr(parcours, "ages_legaux", lambda: autres)
    assert elagage.AGE_SANS_ASI == 70
    assert elagage.AGE_SANS_AAH_PARTIELLE == 70
    assert elagage.AGE_SANS_MINIMUM_VIEILLESSE == 61
    assert not _autonomie_demandee("1966-11-01")
    assert _autonomie_demandee("1964-11-01")  # 62
    with pytest.raises(AttributeError):
        elagage.AGE_INCONNU  # noqa: B018
