"""Signed details of a QR code: shown only when untouched, bound to the letter's code."""

from __future__ import annotations

from datetime import date

import pytest

from portal.courriers.signature import (
    Parametres,
    ParametresInvalides,
    read_parametres,
    sign_parametres,
    signing_keys,
)

CLE = "une-cle-de-test-" + "k" * 32
PARAMETRES = Parametres(echeance=date(2026, 12, 15), lieu="msd-evreux")


def test_round_trip_and_a_short_signature() -> None:
    query = sign_parametres("RSA-CTRL", PARAMETRES, keys=[CLE])
    assert query["e"] == "2026-12-15" and query["l"] == "msd-evreux"
    assert len(query["s"]) == 22  # 128 bits, base64url
    assert read_parametres("RSA-CTRL", query, keys=[CLE]) == PARAMETRES


def test_no_parameters_is_not_an_error() -> None:
    assert sign_parametres("RSA-CTRL", Parametres(), keys=[CLE]) == {}
    assert read_parametres("RSA-CTRL", {}, keys=[CLE]) == Parametres()
    assert read_parametres("RSA-CTRL", {"via": "saisie"}, keys=[CLE]).vides


@pytest.mark.parametrize(
    ("change", "champ", "raison"),
    [
        ({"e": "2026-12-31"}, "s", "signature"),  # a later deadline
        ({"l": "msd-vernon"}, "s", "signature"),  # another place
        ({"s": "A" * 22}, "s", "signature"),
        ({"s": "court"}, "s", "format"),
        ({"s": ""}, "s", "manquante"),
        ({"e": "15/12/2026"}, "e", "format"),
        ({"l": "../../etc"}, "l", "format"),
    ],
)
def test_tampered_or_malformed_parameters_are_refused(
    change: dict[str, str], champ: str, raison: str
) -> None:
    query = {**sign_parametres("RSA-CTRL", PARAMETRES, keys=[CLE]), **change}
    with pytest.raises(ParametresInvalides) as exc:
        read_parametres("RSA-CTRL", query, keys=[CLE])
    assert (exc.value.champ, exc.value.raison) == (champ, raison)


def test_a_signature_is_worthless_on_another_letter_or_with_another_key() -> None:
    query = sign_parametres("RSA-CTRL", PARAMETRES, keys=[CLE])
    with pytest.raises(ParametresInvalides):
        read_parametres("APA-PLAN", query, keys=[CLE])
    with pytest.raises(ParametresInvalides):
        read_parametres("RSA-CTRL", query, keys=["une-autre-cle-" + "z" * 32])


def test_a_new_key_still_reads_letters_signed_with_the_old_one() -> None:
    ancienne, nouvelle = "ancienne-" + "a" * 32, "nouvelle-" + "n" * 32
    query = sign_parametres("RSA-CTRL", PARAMETRES, keys=[ancienne])
    assert read_parametres("RSA-CTRL", query, keys=[ancienne, nouvelle]) == PARAMETRES
    assert sign_parametres("RSA-CTRL", PARAMETRES, keys=[ancienne, nouvelle]) != query


def test_the_key_is_dedicated_or_falls_back_to_the_secret_key() -> None:
    assert signing_keys({"SECRET_KEY": "s"}) == ["s"]
    assert signing_keys({"SECRET_KEY": "s", "COURRIER_SIGNING_KEY": "c"}) == ["c"]
    assert signing_keys({"SECRET_KEY": "s", "COURRIER_SIGNING_KEY": ["a", "b"]}) == ["a", "b"]


def test_a_day_that_does_not_exist_is_refused_even_if_signed() -> None:
    # Not signable through Parametres (a real date), so sign the raw text the same way.
    from portal.courriers.signature import _message, _signer

    signature = _signer([CLE]).get_signature(_message("RSA-CTRL", "2026-02-30", "")).decode()
    with pytest.raises(ParametresInvalides) as exc:
        read_parametres("RSA-CTRL", {"e": "2026-02-30", "s": signature}, keys=[CLE])
    assert exc.value.champ == "e"
