"""The measuring tool: Wilson intervals, kinds of message, the gate's verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesures.evaluation import DONNEES, Cas, evaluer, forme, partie, tableau, taux, wilson
from portal.assistant.triage import Triage
from portal.catalogue import Catalogue


@pytest.mark.parametrize(
    ("succes", "total", "attendu"),
    [(0, 10, (0.0, 0.2775)), (5, 10, (0.2366, 0.7634)), (10, 10, (0.7225, 1.0)),
     (54, 55, (0.9039, 0.9968)), (0, 0, (0.0, 0.0))],
)
def test_wilson_interval(succes: int, total: int, attendu: tuple[float, float]) -> None:
    bas, haut = wilson(succes, total)
    assert (round(bas, 4), round(haut, 4)) == attendu


def test_a_rate_carries_its_size_and_interval() -> None:
    assert taux(1, 4) == {"n": 4, "k": 1, "taux": 0.25, "ic95": [0.0456, 0.6994]}


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [("زوجي ضربني", "arabe"), ("my husband hit me and I am scared", "anglais"),
     ("il me frappe", "court"), ("mot " * 30, "long")],
)
def test_the_kind_of_writing(texte: str, attendu: str) -> None:
    assert forme(texte) == attendu


def test_the_gate_names_each_missed_target(catalogue: Catalogue) -> None:
    cas = [Cas("il me frappe", "violence", "urgence"), Cas("xq zzv", "suicide", "urgence"),
           Cas("comment faire une demande de rsa", None, "rsa")]
    mesures = evaluer(cas, catalogue)
    assert [e.split()[0] for e in mesures.echecs()] == ["rappel"]
    detail = mesures.detail()
    assert detail["rappel_par_type"]["suicide"]["k"] == 0  # type: ignore[index]
    assert detail["par_forme"]["court"]["rappel"]["n"] == 2  # type: ignore[index]


def test_the_per_kind_table_gives_size_and_interval(catalogue: Catalogue) -> None:
    cas = [Cas("il me frappe", "violence", "urgence"), Cas("xq zzv", "suicide", "urgence"),
           Cas("comment faire une demande de rsa", None, "rsa")]
    lignes = tableau("partie X", evaluer(cas, catalogue).detail()).splitlines()
    assert lignes[0] == "| partie X | rappel des urgences | 50,0 % (1/2 ; IC95 9,4 %–90,5 %) |"
    assert "| partie X | rappel suicide | 0,0 % (0/2" not in lignes
    assert "| partie X | rappel suicide | 0,0 % (0/1 ; IC95 0,0 %–79,3 %) |" in lignes
    assert "| partie X | sujet rsa | 100,0 % (1/1 ; IC95 20,6 %–100,0 %) |" in lignes


def test_a_part_is_named_by_its_file_name_or_its_path(tmp_path: Path) -> None:
    assert partie("heldout_l.yml") == DONNEES / "heldout_l.yml"
    ailleurs = tmp_path / "heldout_l.yml"
    assert partie(str(ailleurs)) == ailleurs


def test_a_part_without_emergencies_is_measured(catalogue: Catalogue) -> None:
    mesures = evaluer([Cas("comment faire une demande de rsa", None, "rsa")], catalogue)
    assert (mesures.rappel, mesures.precision_topic) == (1.0, 1.0)
    assert mesures.echecs() == []
    assert mesures.detail()["rappel"]["n"] == 0  # type: ignore[index]


def test_the_topic_offered_second_is_counted_beside_the_target(catalogue: Catalogue) -> None:
    """The target counts the first topic only; the second one the chat offers is reported
    apart ("parmi les propositions"), never in its place."""
    deux = Triage(topic="budget", urgence=None, intent="budget", confidence=0.6,
                  second_topic="rsa")
    cas = [Cas("ma caf a baisse et les factures montent", None, "rsa"),
           Cas("une question sur la cantine", None, "enfance_famille")]
    mesures = evaluer(cas, catalogue, lambda texte: deux)
    assert (mesures.bon_topic, mesures.bon_topic_propose) == (0, 1)
    assert mesures.detail()["topic_parmi_les_propositions"]["k"] == 1  # type: ignore[index]
