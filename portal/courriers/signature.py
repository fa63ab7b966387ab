"""Optional details a QR code may carry (the deadline, the place), signed so nobody can forge them.

A QR code printed for one letter may add `e` (the deadline, YYYY-MM-DD) and `l` (a place id
from content/lieux) to the page's address, with `s`, an HMAC of the letter's code and those
values. Never anything about the person: the same QR code could be printed on anyone's letter.

The HMAC is SHA-256 cut to 128 bits (RFC 2104 allows it): 22 characters instead of 43 keep
the QR code small enough to print at 2 cm. The key is `COURRIER_SIGNING_KEY`, else
`SECRET_KEY`; a list of keys lets an old key still verify letters already in the post.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from itsdangerous.signer import HMACAlgorithm, Signer

SALT = "bonne-porte.courrier.qr"
LONGUEUR_SIGNATURE = 16  # bytes of the HMAC kept: 128 bits
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LIEU = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SIGNATURE = re.compile(r"^[A-Za-z0-9_-]{22}$")


class ParametresInvalides(ValueError):
    """A parameter of the address is malformed, or the signature does not match."""

    def __init__(self, champ: str, raison: str) -> None:
        super().__init__(f"{champ}: {raison}")
        self.champ = champ
        self.raison = raison  # "format", "manquante" or "signature"


@dataclass(frozen=True)
class Parametres:
    echeance: date | None = None
    lieu: str | None = None

    @property
    def vides(self) -> bool:
        return self.echeance is None and self.lieu is None


class _HmacTronque(HMACAlgorithm):
    def get_signature(self, key: bytes, value: bytes) -> bytes:
        return super().get_signature(key, value)[:LONGUEUR_SIGNATURE]


def _signer(keys: Sequence[str]) -> Signer:
    return Signer(
        list(keys),
        salt=SALT,
        key_derivation="hmac",
        digest_method=hashlib.sha256,
        algorithm=_HmacTronque(hashlib.sha256),
    )


def _message(code: str, echeance: str, lieu: str) -> str:
    # The code is signed too: a deadline signed for one letter is worthless on another.
    return f"{code}\n{echeance}\n{lieu}"


def signing_keys(config: Mapping[str, object]) -> list[str]:
    cle = config.get("COURRIER_SIGNING_KEY") or config["SECRET_KEY"]
    if isinstance(cle, str):
        return [cle]
    return [str(k) for k in cle]  # type: ignore[attr-defined]


def sign_parametres(code: str, parametres: Parametres, *, keys: Sequence[str]) -> dict[str, str]:
    """The query parameters to add to the page's address (empty when there is nothing)."""
    if parametres.vides:
        return {}
    echeance = parametres.echeance.isoformat() if parametres.echeance else ""
    lieu = parametres.lieu or ""
    if lieu and not _LIEU.match(lieu):
        raise ParametresInvalides("l", "format")
    signature = _signer(keys).get_signature(_message(code, echeance, lieu)).decode("ascii")
    query = {"e": echeance, "l": lieu, "s": signature}
    return {k: v for k, v in query.items() if v}


def read_parametres(code: str, args: Mapping[str, str], *, keys: Sequence[str]) -> Parametres:
    """The signed details of an address; raises ParametresInvalides when anything is off."""
    echeance, lieu, signature = args.get("e", ""), args.get("l", ""), args.get("s", "")
    if not (echeance or lieu or signature):
        return Parametres()
    if echeance and not _DATE.match(echeance):
        raise ParametresInvalides("e", "format")
    if lieu and not _LIEU.match(lieu):
        raise ParametresInvalides("l", "format")
    if not signature:
        raise ParametresInvalides("s", "manquante")
    if not _SIGNATURE.match(signature):
        raise ParametresInvalides("s", "format")
    if not _signer(keys).verify_signature(_message(code, echeance, lieu), signature):
        raise ParametresInvalides("s", "signature")
    try:
        jour = date.fromisoformat(echeance) if echeance else None
    except ValueError:  # signed, yet not a real day (2026-02-30): never signed by us
        raise ParametresInvalides("e", "format") from None
    return Parametres(echeance=jour, lieu=lieu or None)
