"""Short references people can read out on the phone: no 0/O, no 1/I."""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_reference(prefixe: str = "D", longueur: int = 7) -> str:
    return prefixe + "".join(secrets.choice(ALPHABET) for _ in range(longueur))
