"""Conditions of the law the engine is not given (issue #18, item 2), read from content:
every `a_verifier_si` rule of content/aides turns its aid "à vérifier" with its own sentence
when the household's answers meet it, and leaves the aid as computed otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from portal.catalogue.schemas.aide import Aide, AVerifierSi, Statut
from portal.simulateur.a_verifier import regle_tient
from portal.simulateur.schemas import SimulationRequest
from portal.simulateur.services import statut_national

ROOT = Path(__file__).resolve().parents[3]
AIDES = {
    p.stem: Aide.model_validate(yaml.safe_load(p.read_text(encoding="utf-8")))
    for p in sorted((ROOT / "content" / "aides").glob("*.yml"))
}
REGLES = [
    (aide_id, i, regle)
    for aide_id, aide in AIDES.items()
    if aide.openfisca is not None
    for i, regle in enumerate(aide.openfisca.a_verifier_si)
]
IDS = [f"{aide_id}-{rang}" for aide_id, rang, _ in REGLES]
# A parent alone with two children, no income: the household every rule is tried on.
FOYER: dict[str, Any] = {
    "mois": "2026-11", "commune": "27229", "couple": False,
    "adultes": [{"date_naissance": "1990-05-12", "activite": "inactif"}],
    "enfants": [{"date_naissance": "2016-03-04"}, {"date_naissance": "2019-09-20"}],
    "logement": {"statut": "locataire", "loyer_mensuel": 450},
}
# The answers that meet each key of a rule (the other answers stay those of the engine).
SEJOUR_NON_DIT = "ne_dit_pas"


def _requete(regle: AVerifierSi | None) -> SimulationRequest:
    adulte: dict[str, Any] = dict(FOYER["adultes"][0])
    foyer: dict[str, Any] = {}
    if regle is not None and regle.enfant_d_au_moins is not None:  # the eldest is 10 in FOYER
        foyer["enfants"] = [{"date_naissance": f"{2026 - regle.enfant_d_au_moins}-10-01"}]
    if regle is not None:
        if regle.sejour:
            adulte["sejour"] = regle.sejour[0]
        adulte["pension_invalidite"] = regle.pension_invalidite
        adulte["enceinte"] = regle.enceinte
        foyer |= {
            "epargne": regle.epargne,
            "separation_recente": regle.separation_recente,
            "garde_alternee": regle.garde_alternee,
        }
    return SimulationRequest.model_validate({**FOYER, **foyer, "adultes": [adulte]})


def _valeurs(aide: Aide, montant: float) -> dict[str, Any]:
    assert aide.openfisca is not None
    valeurs: dict[str, Any] = {aide.openfisca.variable: montant}
    if aide.openfisca.non_calculable:
        valeurs[aide.openfisca.non_calculable] = "calculable"
    return valeurs


def test_the_law_s_conditions_are_in_content() -> None:
    """Savings, pregnancy, a recent separation, shared custody and a child of 16 or more
    each reach their aids."""
    cles = ("epargne", "enceinte", "separation_recente", "garde_alternee", "enfant_d_au_moins")
    par_cle = {
        cle: {aide_id for aide_id, _, regle in REGLES if getattr(regle, cle)} for cle in cles
    }
    assert par_cle["epargne"] >= {"rsa", "ppa", "aah", "aspa", "asi", "cmu_c", "aide_logement"}
    assert par_cle["enceinte"] == {"rsa"}
    assert par_cle["separation_recente"] == {"rsa"}
    assert par_cle["garde_alternee"] >= {"af"}
    assert par_cle["enfant_d_au_moins"] >= {"af", "ars", "cf"}


@pytest.mark.parametrize(("aide_id", "rang", "regle"), REGLES, ids=IDS)
def test_each_rule_turns_its_aid_to_check_with_its_sentence(
    aide_id: str, rang: int, regle: AVerifierSi
) -> None:
    aide = AIDES[aide_id]
    assert aide.openfisca is not None
    valeurs = _valeurs(aide, 200.0)
    sans, montant_sans, raison_sans = statut_national(aide, valeurs, _requete(None))
    # none holds: as computed (the ASF is always "à vérifier" for the support it does not ask)
    attendu = Statut.a_verifier if aide.openfisca.a_verifier_car else Statut.eligible
    assert sans == attendu
    assert (raison_sans is None) == (aide.openfisca.a_verifier_car is None)
    for langue in ("fr", "en", "ar"):
        statut, montant, raison = statut_national(aide, valeurs, _requete(regle), langue)
        assert statut == Statut.a_verifier
        assert montant == montant_sans  # the amount is kept, only the status says "check"
        # the first rule that holds gives the reason: this one, or one before it in content
        avant = aide.openfisca.a_verifier_si[: rang + 1]
        assert raison in [r.car.en_langue(langue) for r in avant]


@pytest.mark.parametrize(("aide_id", "rang", "regle"), REGLES, ids=IDS)
def test_a_probably_not_stays_unless_the_rule_says_even_then(
    aide_id: str, rang: int, regle: AVerifierSi
) -> None:
    aide = AIDES[aide_id]
    assert aide.openfisca is not None
    statut, _, raison = statut_national(aide, _valeurs(aide, 0.0), _requete(regle))
    if regle.meme_si_non_eligible:
        assert (statut, raison) == (Statut.a_verifier, regle.car.en_langue("fr"))
    else:  # the answers meet only this rule's keys
        assert (statut, raison) == (Statut.non_eligible, None)


def test_every_key_given_must_hold() -> None:
    regle = AVerifierSi.model_validate(
        {"sejour": [SEJOUR_NON_DIT], "epargne": True, "car": {"fr": "x", "en": "x", "ar": "x"}}
    )
    seulement_sejour = _requete(AVerifierSi.model_validate(
        {"sejour": [SEJOUR_NON_DIT], "car": {"fr": "x", "en": "x", "ar": "x"}}
    ))
    assert not regle_tient(regle, seulement_sejour)
    assert regle_tient(regle, _requete(regle))


@pytest.mark.parametrize(("naissance", "tient"), [("2010-11-01", True), ("2010-11-02", False)])
def test_the_age_of_a_child_is_taken_on_the_first_day_of_the_month(
    naissance: str, tient: bool
) -> None:
    regle = next(r for a, _, r in REGLES if a == "af" and r.enfant_d_au_moins == 16)
    enfants = [{"date_naissance": "2019-09-20"}, {"date_naissance": naissance}]
    requete = SimulationRequest.model_validate({**FOYER, "enfants": enfants})
    assert regle_tient(regle, requete) is tient  # 16 on 1 November 2026, or the day after


def test_custody_needs_children() -> None:
    regle = next(r for a, _, r in REGLES if a == "af" and r.garde_alternee)
    sans_enfant = _requete(regle).model_copy(update={"enfants": []})
    assert not regle_tient(regle, sans_enfant)


def test_a_rule_without_a_condition_is_refused() -> None:
    with pytest.raises(ValidationError, match="au moins une condition"):
        AVerifierSi.model_validate({"car": {"fr": "x", "en": "x", "ar": "x"}})
