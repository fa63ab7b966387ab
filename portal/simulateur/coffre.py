"""The answers of "Mes droits" in the session cookie: sealed, and forgotten when left alone.

Flask's session cookie is signed, not encrypted: at a shared kiosk anyone could decode it and
read the incomes typed before. The answers are therefore encrypted with Fernet (AES-128-CBC
and HMAC-SHA256, from `cryptography`) under a key derived from SECRET_KEY for this use only,
and refused after DUREE_INACTIVITE seconds without a page of the flow: each page seals them
again, so the token's time is the last activity. Nothing is stored on the server.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Mapping
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

DUREE_INACTIVITE = 30 * 60  # seconds
CLE_SESSION = "simulateur"  # where the sealed answers sit in the visit's session
_USAGE = b"bonne-porte/simulateur/reponses/v1"


@functools.lru_cache(maxsize=4)
def _fernet(secret: bytes) -> Fernet:
    # HKDF with a label of its own: this key opens nothing else signed with SECRET_KEY.
    cle = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_USAGE).derive(secret)
    return Fernet(base64.urlsafe_b64encode(cle))


def _octets(secret: str | bytes) -> bytes:
    return secret.encode() if isinstance(secret, str) else secret


def sceller(reponses: dict[str, Any], *, secret: str | bytes, instant: float) -> str:
    """The answers as an opaque token, dated `instant` (a Unix time)."""
    clair = json.dumps(reponses, ensure_ascii=False, separators=(",", ":")).encode()
    return _fernet(_octets(secret)).encrypt_at_time(clair, int(instant)).decode("ascii")


def ouvrir(jeton: object, *, secret: str | bytes, instant: float) -> dict[str, Any] | None:
    """The answers, or None when there are none, they were left too long, or the token is
    not ours (another key, altered, or an old cookie from before the answers were sealed)."""
    if not isinstance(jeton, str):
        return None
    try:
        clair = _fernet(_octets(secret)).decrypt_at_time(
            jeton.encode("ascii"), DUREE_INACTIVITE, int(instant)
        )
    except (InvalidToken, UnicodeEncodeError):
        return None
    reponses = json.loads(clair)
    return reponses if isinstance(reponses, dict) else None


def commune_scellee(
    session: Mapping[str, Any], *, secret: str | bytes, instant: float
) -> str | None:
    """The commune code given to "Mes droits" in this visit (read from its sealed answers)."""
    code = (ouvrir(session.get(CLE_SESSION), secret=secret, instant=instant) or {}).get("commune")
    return code if isinstance(code, str) else None
