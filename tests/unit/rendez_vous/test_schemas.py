"""The shared validation: phones normalised with phonenumbers, names, the manage token."""

from __future__ import annotations

import pytest

from portal.rendez_vous.liens import hash_jeton, jeton_pour, lien_gestion
from portal.rendez_vous.schemas import is_mobile, lettres, normalise_telephone


@pytest.mark.parametrize(
    ("saisi", "e164"),
    [("06 12 34 56 78", "+33612345678"), ("06.12.34.56.78", "+33612345678"),
     ("+33 6 12 34 56 78", "+33612345678"), ("0033612345678", "+33612345678"),
     ("02 32 00 00 00", "+33232000000"), ("+44 7911 123456", "+447911123456")],
)
def test_phones_are_normalised(saisi: str, e164: str) -> None:
    assert normalise_telephone(saisi) == e164


@pytest.mark.parametrize("saisi", ["0612", "06 12 34 56 78 90", "bonjour", "+33 0 00 00 00 00"])
def test_bad_phones_are_refused(app, saisi: str) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context(), pytest.raises(ValueError):
        normalise_telephone(saisi)


def test_only_mobiles_get_sms() -> None:
    assert is_mobile("+33612345678") and not is_mobile("+33232000000")


def test_letters_ignore_accents_case_and_spaces() -> None:
    assert lettres("  Éloïse-d'Arc ")[:3] == "elo"
    assert lettres("Lê")[:3] == "le"


def test_token_is_random_looking_stable_and_short() -> None:
    jeton = jeton_pour("uid-1", "secret")
    assert jeton == jeton_pour("uid-1", "secret") != jeton_pour("uid-2", "secret")
    assert jeton != jeton_pour("uid-1", "autre secret")
    assert len(jeton) == 16 and len(hash_jeton(jeton)) == 64
    assert lien_gestion("https://x.fr/", jeton) == f"https://x.fr/r/{jeton}"
