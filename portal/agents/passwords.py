"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
# Verifying against this when the account does not exist keeps the timing the same.
_HASH_FACTICE = _hasher.hash("compte-inexistant")


def hash_password(mot_de_passe: str) -> str:
    return _hasher.hash(mot_de_passe)


def verify_password(mot_de_passe_hash: str | None, mot_de_passe: str) -> bool:
    try:
        return _hasher.verify(mot_de_passe_hash or _HASH_FACTICE, mot_de_passe) and bool(
            mot_de_passe_hash
        )
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(mot_de_passe_hash: str) -> bool:
    return _hasher.check_needs_rehash(mot_de_passe_hash)
