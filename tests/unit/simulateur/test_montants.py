"""Amounts as people type them: one reading for the form and the API."""

from __future__ import annotations

import pytest

from portal.simulateur.montants import read_montant


@pytest.mark.parametrize(
    ("texte", "valeur", "douteux"),
    [
        ("1.200", 1200.0, True),  # 1 200 € in French, or 1,20 €: asked back
        ("1 200", 1200.0, False),
        ("1200,50", 1200.5, False),
        ("1 200 €", 1200.0, False),
        ("1 200,50 €", 1200.5, False),
        ("1\u202f200 €", 1200.0, False),
        ("1.200,50", 1200.5, False),
        ("1 200 euros", 1200.0, False),
        ("800", 800.0, False),
        ("0", 0.0, False),
        ("1,200", 1200.0, True),  # the English way: asked back
        ("1,20", 1.2, True),  # 1,20 € a month: rare
        ("50000", 50000.0, True),  # an extra zero?
        ("-5", -5.0, False),  # the schema explains why not
        ("beaucoup", None, False),
    ],
)
def test_read_montant(texte: str, valeur: float | None, douteux: bool) -> None:
    lecture = read_montant(texte)
    assert lecture.valeur == valeur
    assert lecture.douteux is douteux
