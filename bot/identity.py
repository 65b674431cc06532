"""Pseudonymous ids and encrypted delivery addresses.

The raw channel user id is never stored: ``user_hash`` is HMAC-SHA256(secret, "channel:raw id") and the
``pseudonym`` staff and logs see is derived from it. Channels that must push messages later (Telegram)
keep their chat id encrypted with a key derived from the same secret; staff never see it.
"""
from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken


def user_hash(secret: str, channel: str, raw_user_id: str) -> str:
    return hmac.new(secret.encode(), f"{channel}:{raw_user_id}".encode(), hashlib.sha256).hexdigest()


def pseudonym_for(hashed: str) -> str:
    """A short, stable, readable pseudonym such as ``u-3f9a1c7e2b``."""
    return "u-" + hashlib.sha256(("pseudonym:" + hashed).encode()).hexdigest()[:10]


def _fernet(secret: str) -> Fernet:
    key = hashlib.sha256(("address-key:" + secret).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt_address(secret: str, address: str) -> str:
    return _fernet(secret).encrypt(address.encode()).decode()


def decrypt_address(secret: str, token: str) -> str | None:
    try:
        return _fernet(secret).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None
