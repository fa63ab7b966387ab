"""The lexicon alone measured on messages it was never tuned on (tests/data/triage/heldout.yml,
part E, written before the last tuning; the tuning files are dev*.yml).

Targets (issue 6): emergency recall ≥ 98 %, false alarms ≤ 5 % of the messages without an
urgence, topic accuracy ≥ 85 % on them. The figures are printed (`pytest -s` shows them).
The lexicon alone does NOT reach the recall nor the topic target on part E (87.4 % and
78.4 %): those tests are expected failures, strict, so that they turn red (and the mark must
go) the day the target is met. With Rasa's second opinion (what POST /api/v1/triage and the
chat do when Rasa is up) the figures are measured by tests/e2e/test_assistant_rasa.py.
"""

from __future__ import annotations

import json

import pytest

from portal.assistant.normalisation import mots
from portal.catalogue import Catalogue
from portal.catalogue.schemas.lexique import Topic, TypeUrgence
from tests.unit.assistant.evaluation import DONNEES, Cas, Mesures, evaluer, lire_cas, lire_reglage

RAPPEL_MIN = 0.98
FAUSSES_ALERTES_MAX = 0.05
TOPIC_MIN = 0.85


@pytest.fixture(scope="module")
def cas() -> list[Cas]:
    return lire_cas(DONNEES / "heldout.yml")


@pytest.fixture(scope="module")
def mesures(catalogue: Catalogue, cas: list[Cas]) -> Mesures:
    resultat = evaluer(cas, catalogue)
    print("\ntriage heldout :", json.dumps(resultat.as_json(), ensure_ascii=False))
    return resultat


def test_the_heldout_set_is_large_and_varied(cas: list[Cas]) -> None:
    urgences = [c for c in cas if c.urgence]
    assert len(urgences) >= 150
    assert len(cas) - len(urgences) >= 250
    assert {c.urgence for c in urgences} == {u.value for u in TypeUrgence}
    assert {c.topic for c in cas if not c.urgence} == {t.value for t in Topic}


def test_no_heldout_message_is_a_dev_message(cas: list[Cas]) -> None:
    dev = {" ".join(mots(c.texte)) for c in lire_reglage()}
    assert [c.texte for c in cas if " ".join(mots(c.texte)) in dev] == []


@pytest.mark.xfail(
    reason="le lexique seul : rappel 87,4 % sur la partie E (parties A, B, C, D mesurées avant "
    "leur réglage : 86,1 %, 80,0 %, 85,5 %, 88,0 %) : il n'atteint pas 98 %",
    strict=True,
)
def test_emergency_recall(mesures: Mesures) -> None:
    assert mesures.rappel >= RAPPEL_MIN, f"rappel {mesures.rappel:.1%}"


def test_false_alarms(mesures: Mesures) -> None:
    assert mesures.taux_fausses_alertes <= FAUSSES_ALERTES_MAX, (
        f"fausses alertes {mesures.taux_fausses_alertes:.1%}"
    )


@pytest.mark.xfail(
    reason="le lexique seul : sujet juste 78,4 % sur la partie E (C et D avant leur réglage : "
    "85,3 %, 79,1 %) : il n'atteint pas 85 %",
    strict=True,
)
def test_topic_accuracy(mesures: Mesures) -> None:
    assert mesures.precision_topic >= TOPIC_MIN, f"sujets justes {mesures.precision_topic:.1%}"


def test_urgence_type_accuracy_is_reported(mesures: Mesures) -> None:
    """No target in the issue; a floor so that a lexicon edit cannot mix the types up."""
    assert mesures.precision_type >= 0.9, f"type juste {mesures.precision_type:.1%}"


# Part F (tests/data/triage/heldout_f.yml) was written by someone who never read the lexicon,
# the model's data nor the other parts: the harshest measure. Measured once, lexicon alone:
# recall 73,1 %, false alarms 5,4 %, topic 82,1 %. None of the three targets is met.
@pytest.fixture(scope="module")
def cas_f() -> list[Cas]:
    return lire_cas(DONNEES / "heldout_f.yml")


@pytest.fixture(scope="module")
def mesures_f(catalogue: Catalogue, cas_f: list[Cas]) -> Mesures:
    resultat = evaluer(cas_f, catalogue)
    print("\ntriage partie F :", json.dumps(resultat.as_json(), ensure_ascii=False))
    return resultat


def test_part_f_is_new(cas: list[Cas], cas_f: list[Cas]) -> None:
    """Written blind, it only meets the others on short everyday phrases ("bonjour",
    "je veux mourir", "ma carte vitale est perdue": 16 of 440), by coincidence."""
    deja = {" ".join(mots(c.texte)) for c in [*lire_reglage(), *cas]}
    assert len([c for c in cas_f if c.urgence]) >= 150 and len(cas_f) >= 400
    communs = [c.texte for c in cas_f if " ".join(mots(c.texte)) in deja]
    assert len(communs) <= 0.05 * len(cas_f), communs
    assert all(len(texte.split()) <= 8 for texte in communs), communs


@pytest.mark.xfail(reason="partie F, lexique seul : rappel 73,1 %", strict=True)
def test_part_f_emergency_recall(mesures_f: Mesures) -> None:
    assert mesures_f.rappel >= RAPPEL_MIN, f"rappel {mesures_f.rappel:.1%}"


@pytest.mark.xfail(reason="partie F, lexique seul : fausses alertes 5,4 %", strict=True)
def test_part_f_false_alarms(mesures_f: Mesures) -> None:
    assert mesures_f.taux_fausses_alertes <= FAUSSES_ALERTES_MAX


@pytest.mark.xfail(reason="partie F, lexique seul : sujet juste 82,1 %", strict=True)
def test_part_f_topic_accuracy(mesures_f: Mesures) -> None:
    assert mesures_f.precision_topic >= TOPIC_MIN
