"""The facts of the legislation that `elagage.py` relies on, checked month by month."""

from __future__ import annotations

from datetime import date
from typing import Any

from openfisca_core.simulation_builder import SimulationBuilder

from portal.simulateur.echantillon import warmup_households
from portal.simulateur.openfisca_adapter import build_situation
from portal.simulateur.schemas import SimulationRequest


def _mois(debut: int, fin: int) -> list[str]:
    return [f"{annee}-{numero:02d}" for annee in range(debut, fin + 1) for numero in range(1, 13)]


def test_taux_accident_travail_never_gives_a_rente(tbs: Any) -> None:
    """The simulator never sets exposition_accident: taux_accident_travail stays below the
    0.1 (salaried) and 0.3 (farmers) the rentes need, for every month it may read (incomes
    go back 2 to 5 years before a month at most a year from today)."""
    aujourd_hui = date.today()
    situation = build_situation(warmup_households()[1])
    simulation = SimulationBuilder().build_from_entities(tbs, situation)
    for mois in _mois(aujourd_hui.year - 6, aujourd_hui.year + 2):
        taux = simulation.calculate("taux_accident_travail", mois)
        assert (taux < 0.1).all(), mois
        assert (simulation.calculate("rente_accident_travail", mois) == 0).all(), mois


def test_nobody_is_an_apprentice(tbs: Any) -> None:
    """A salaried person of 20 (the age of apprentices) is not one: the contract start is
    never asked."""
    aujourd_hui = date.today()
    requete = SimulationRequest.model_validate(
        {
            "mois": f"{aujourd_hui.year:04d}-{aujourd_hui.month:02d}",
            "commune": "27229",
            "couple": False,
            "adultes": [
                {
                    "date_naissance": date(aujourd_hui.year - 20, 1, 1),
                    "activite": "salarie",
                    "salaire_net_mensuel": 900,
                }
            ],
            "enfants": [],
            "logement": {"statut": "locataire", "loyer_mensuel": 400, "logement_social": False},
        },
        context={"today": aujourd_hui},
    )
    simulation = SimulationBuilder().build_from_entities(tbs, build_situation(requete))
    for mois in _mois(aujourd_hui.year - 6, aujourd_hui.year + 2):
        assert not simulation.calculate("apprenti", mois).any(), mois
        assert (simulation.calculate("remuneration_apprenti", mois) == 0).all(), mois
