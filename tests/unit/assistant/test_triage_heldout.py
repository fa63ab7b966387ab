"""The triage measured on messages nobody tuned on: tests/data/triage/heldout_h.yml (part H),
written blind (its author read neither the lexicon, nor the model's data, nor the other parts)
and measured once, after the last change to the lexicon, the model and the thresholds.

Targets (issue 6): emergency recall ≥ 98 %, false alarms ≤ 5 % of the messages without an
urgence, topic accuracy ≥ 85 % on them. Here: the lexicon alone (what answers when Rasa is
down). With Rasa's second opinion (what POST /api/v1/triage and the chat do) the figures are
measured by tests/e2e/test_assistant_rasa.py. A target missed is a strict expected failure:
it turns red, and the mark must go, the day it is met. `pytest -s` prints the figures.

Earlier parts (E, F, G) were held out the same way, measured once, then used for tuning and
training (dev_e.yml, dev_f.yml, dev_g.yml); their figures are in the README.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from mesures.evaluation import (
    DONNEES,
    HELDOUT_H,
    HELDOUTS,
    REGLAGE,
    ROOT,
    Cas,
    Mesures,
    cas_nouveaux,
    evaluer,
    lire_cas,
)
from portal.assistant.normalisation import mots
from portal.catalogue import Catalogue
from portal.catalogue.schemas.lexique import Topic, TypeUrgence

RAPPEL_MIN = 0.98
FAUSSES_ALERTES_MAX = 0.05
TOPIC_MIN = 0.85
# Today's figures, as floors beside the strict expected failures: one message more missed (or
# one more false alarm) fails, so the lexicon alone cannot fall while the targets stay red.
# 07/12 (parts K, T7 and T8 tuned on): 152 of 210 urgences found; 23 false alarms of 355;
# 282 topics right of 355 (06/12: 150, 23, 281; when H was measured: 143 of 211, 23 and 280 of
# 356, the floor below).
RAPPEL_PLANCHER = 0.723  # 152 of 210
FAUSSES_ALERTES_PLAFOND = 0.065
TOPIC_PLANCHER = 0.794  # 282 of 355


@pytest.fixture(scope="module")
def cas() -> list[Cas]:
    return cas_nouveaux(lire_cas(DONNEES / HELDOUT_H))


@pytest.fixture(scope="module")
def mesures(catalogue: Catalogue, cas: list[Cas]) -> Mesures:
    resultat = evaluer(cas, catalogue)
    print("\ntriage partie H, lexique seul :", json.dumps(resultat.as_json(), ensure_ascii=False))
    return resultat


def test_the_heldout_set_is_large_and_varied(cas: list[Cas]) -> None:
    urgences = [c for c in cas if c.urgence]
    assert len(urgences) >= 190
    assert len(cas) - len(urgences) >= 330
    assert {c.urgence for c in urgences} == {u.value for u in TypeUrgence}
    assert {c.topic for c in cas if not c.urgence} == {t.value for t in Topic}


def test_the_heldout_set_was_written_blind() -> None:
    """Written blind, part H still meets 36 of its 603 lines in the training data, some of
    them long: the authors of every part are language models, and they write alike (README).
    Those lines are left out of the measure (`cas_nouveaux`)."""
    tous = lire_cas(DONNEES / HELDOUT_H)
    nouveaux = set(cas_nouveaux(tous))
    communs = [c.texte for c in tous if c not in nouveaux]
    assert len(communs) <= 0.07 * len(tous), communs


def _script_triage_vers_nlu() -> ModuleType:
    chemin = ROOT / "bot" / "scripts" / "triage_vers_nlu.py"
    spec = importlib.util.spec_from_file_location("triage_vers_nlu", chemin)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_model_learns_every_tuning_file_and_never_the_heldout(tmp_path: Path) -> None:
    """bot/data/nlu/triage_appris.yml is what the script makes of REGLAGE today."""
    script = _script_triage_vers_nlu()
    sources = [DONNEES / nom for nom in REGLAGE]
    attendu = tmp_path / "triage_appris.yml"
    script.ecrire(script.convertir(sources), sources, attendu)
    appris = ROOT / "bot" / "data" / "nlu" / "triage_appris.yml"
    assert appris.read_text(encoding="utf-8") == attendu.read_text(encoding="utf-8"), (
        "relancer : cd bot && .venv/bin/python scripts/triage_vers_nlu.py "
        + " ".join(f"../tests/data/triage/{nom}" for nom in REGLAGE)
    )
    # The newest part (K) is put in tests/data/triage/ by the lead only for its one measure.
    heldout = {" ".join(mots(c.texte)) for nom in HELDOUTS if (DONNEES / nom).exists()
               for c in lire_cas(DONNEES / nom) if c.urgence}
    textes = appris.read_text(encoding="utf-8").splitlines()
    appris_cles = {" ".join(mots(t.strip()[2:])) for t in textes if t.strip().startswith("- ")}
    assert len(heldout & appris_cles) <= 0.03 * len(heldout)


@pytest.mark.xfail(
    reason="partie H, lexique seul : rappel 72,4 % (210 urgences ; 67,8 % le 23/11)", strict=True
)
def test_emergency_recall(mesures: Mesures) -> None:
    assert mesures.rappel >= RAPPEL_MIN, f"rappel {mesures.rappel:.1%}"


@pytest.mark.xfail(
    reason="partie H, lexique seul : fausses alertes 6,5 % (23 sur 355, dont 9 affirmées) ; avec "
    "le modèle, qui tranche les contextes de doute, 3,4 %",
    strict=True,
)
def test_false_alarms(mesures: Mesures) -> None:
    assert mesures.taux_fausses_alertes <= FAUSSES_ALERTES_MAX, (
        f"fausses alertes {mesures.taux_fausses_alertes:.1%}"
    )


@pytest.mark.xfail(
    reason="partie H, lexique seul : sujet juste 79,4 % (78,7 % le 23/11)", strict=True
)
def test_topic_accuracy(mesures: Mesures) -> None:
    assert mesures.precision_topic >= TOPIC_MIN, f"sujets justes {mesures.precision_topic:.1%}"


def test_emergency_recall_does_not_fall_below_today(mesures: Mesures) -> None:
    assert mesures.rappel >= RAPPEL_PLANCHER, f"rappel {mesures.rappel:.2%}"


def test_false_alarms_do_not_rise_above_today(mesures: Mesures) -> None:
    assert mesures.taux_fausses_alertes <= FAUSSES_ALERTES_PLAFOND, (
        f"fausses alertes {mesures.taux_fausses_alertes:.2%}"
    )


def test_topic_accuracy_does_not_fall_below_today(mesures: Mesures) -> None:
    assert mesures.precision_topic >= TOPIC_PLANCHER, f"sujets justes {mesures.precision_topic:.2%}"


def test_urgence_type_accuracy_is_reported(mesures: Mesures) -> None:
    """No target in the issue; a floor so that a lexicon edit cannot mix the types up.
    Counted on all the emergencies (118 of 211 when part H was measured, 55.9 %): counted on
    the emergencies found, one more emergency caught with another type would lower it."""
    juste = mesures.bon_type / mesures.urgences
    assert juste >= 0.559, f"type juste {juste:.1%}"


# The lexicon alone is what answers when Rasa is down: it must never fall under what it was
# when part H was measured (README: recall 67.8 %, false alarms 6.5 %, topic 78.7 %).
PLANCHER_RAPPEL = 0.677  # 143 of 211
PLANCHER_FAUSSES_ALERTES = 0.065  # 23 of 356
PLANCHER_TOPIC = 0.786  # 280 of 356


def test_the_lexicon_alone_keeps_its_floor_on_part_h(mesures: Mesures) -> None:
    assert mesures.rappel >= PLANCHER_RAPPEL, f"rappel {mesures.rappel:.1%}"
    assert mesures.taux_fausses_alertes <= PLANCHER_FAUSSES_ALERTES, (
        f"fausses alertes {mesures.taux_fausses_alertes:.1%}"
    )
    assert mesures.precision_topic >= PLANCHER_TOPIC, f"sujets {mesures.precision_topic:.1%}"
