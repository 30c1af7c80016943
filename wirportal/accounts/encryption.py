"""Encryption at rest for short secrets (TOTP secrets, IBANs): Fernet with a key derived from SECRET_KEY.

One mechanism for the whole portal; each purpose gets its own key, so a leaked key of one purpose
does not open the other. Values are stored as ``fernet:<token>``; a value without the prefix is
read as clear text (rows written before encryption was switched on).
"""

import base64
import hashlib

from cryptography.fernet import Fernet
from django.conf import settings

PREFIX = "fernet:"


def fernet(purpose: str) -> Fernet:
    digest = hashlib.sha256(f"wirportal-{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(text: str, *, purpose: str) -> str:
    return PREFIX + fernet(purpose).encrypt(text.encode()).decode()


def decrypt(stored: str, *, purpose: str) -> str:
    if stored.startswith(PREFIX):
        return fernet(purpose).decrypt(stored.removeprefix(PREFIX).encode()).decode()
    return stored


def is_encrypted(stored: str) -> bool:
    return stored.startswith(PREFIX)
