"""The manage link: a token derived from the rendez-vous' random UID with the app's secret.

Nothing personal is in it. Only its hash is stored (to find the rendez-vous); it is derived
again when a reminder is written days later, so it never needs to be kept in clear.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def jeton_pour(uid: str, secret: str) -> str:
    mac = hmac.new(secret.encode(), f"rendez-vous:{uid}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:12]).decode()  # 16 characters, 96 bits


def hash_jeton(jeton: str) -> str:
    return hashlib.sha256(jeton.encode()).hexdigest()


def lien_gestion(base_url: str, jeton: str) -> str:
    """Short on purpose: it goes into a 160-character SMS."""
    return f"{base_url.rstrip('/')}/r/{jeton}"
