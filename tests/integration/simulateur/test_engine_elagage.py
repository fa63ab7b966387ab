"""The facts of the legislation that `elagage.py` relies on, checked month by month."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from openfisca_core.simulation_builder import SimulationBuilder

from portal.simulateur.moteur import elagage
from portal.simulateur.moteur.echantillon import warmup_households
from portal.simulateur.moteur.openfisca_adapter import build_situation
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


def _seul(mois: str, aujourd_hui: date, naissance: date, taux: float) -> SimulationRequest:
    """A person alone, retired on a small pension, renting (so housing aid, hence the MVA,
    can be positive): everything but the rule under test could pay."""
    return SimulationRequest.model_validate(
        {
            "mois": mois,
            "commune": "27229",
            "couple": False,
            "adultes": [
                {
                    "date_naissance": naissance,
                    "activite": "retraite",
                    "retraite_brute_mensuelle": 500,
                    "taux_incapacite": taux,
                }
            ],
            "enfants": [],
            "logement": {"statut": "locataire", "loyer_mensuel": 500, "logement_social": False},
        },
        context={"today": aujourd_hui},
    )


def test_parameters_behind_the_age_and_rate_rules(tbs: Any) -> None:
    """aah.age_legal_retraite, aspa.age_min and the 80 % rate on every month the simulator
    may read, against the constants of `elagage.py` (the rate in float32, as stored)."""
    aujourd_hui = date.today()
    for mois in _mois(aujourd_hui.year - 6, aujourd_hui.year + 2):
        parametres = tbs.get_parameters_at_instant(f"{mois}-01").prestations_sociales
        aah = parametres.prestations_etat_de_sante.invalidite.aah
        aspa = parametres.solidarite_insertion.minimum_vieillesse.aspa
        assert aah.age_legal_retraite <= elagage.AGE_LEGAL_RETRAITE_MAX, mois
        assert aspa.age_min <= elagage.AGE_MIN_ASPA, mois
        seuil = np.float32(aah.taux_capacite.taux_incapacite)
        assert np.float32(elagage.TAUX_SOUS_80 / 100) < seuil, mois


def test_no_aah_caah_or_asi_below_80_percent_past_the_age(tbs: Any) -> None:
    """Just below TAUX_SOUS_80, at exactly AGE_SANS_AAH_PARTIELLE (= AGE_SANS_ASI) in December
    (the longest declared window, 2 years and 11 months): no AAH, no complement, no ASI on any
    month, though one day younger the age rules would not apply."""
    aujourd_hui = date(date.today().year, 12, 15)
    mois = f"{aujourd_hui.year}-12"
    age = elagage.AGE_SANS_AAH_PARTIELLE
    assert age == elagage.AGE_SANS_ASI
    taux = elagage.TAUX_SOUS_80 - 0.01
    requete = _seul(mois, aujourd_hui, date(aujourd_hui.year - age, 12, 1), taux)
    plus_jeune = _seul(mois, aujourd_hui, date(aujourd_hui.year - age, 12, 2), taux)
    assert "aah" not in elagage.neutres_of(_seul(mois, aujourd_hui, date(1950, 1, 1), 79))
    neutres = elagage.neutres_of(requete)
    assert {"aah", "caah", "asi"} <= neutres
    assert not {"aah", "asi"} & elagage.neutres_of(plus_jeune)
    simulation = SimulationBuilder().build_from_entities(tbs, build_situation(requete))
    for mois_lu in _mois(aujourd_hui.year - 6, aujourd_hui.year + 2):
        for variable in ("aah", "caah", "asi"):
            assert (simulation.calculate(variable, mois_lu) == 0).all(), (variable, mois_lu)


def test_no_asi_at_80_percent_past_the_aspa_age(tbs: Any) -> None:
    """80 % at exactly AGE_SANS_ASI in December: the AAH and its complement stay computed,
    the ASI is 0 on every month."""
    aujourd_hui = date(date.today().year, 12, 15)
    mois = f"{aujourd_hui.year}-12"
    naissance = date(aujourd_hui.year - elagage.AGE_SANS_ASI, 12, 1)
    requete = _seul(mois, aujourd_hui, naissance, 80)
    neutres = elagage.neutres_of(requete)
    assert "asi" in neutres
    assert not {"aah", "caah"} & neutres
    simulation = SimulationBuilder().build_from_entities(tbs, build_situation(requete))
    for mois_lu in _mois(aujourd_hui.year - 6, aujourd_hui.year + 2):
        assert (simulation.calculate("asi", mois_lu) == 0).all(), mois_lu
