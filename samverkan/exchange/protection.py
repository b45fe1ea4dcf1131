"""Identity numbers at rest: encrypted with IDENTITY_KEYS, found again through a keyed hash.

`lib/identity.py` validates and normalises the number; this module only seals it.
The hash is an HMAC-SHA256 of the twelve-digit number with IDENTITY_HASH_KEY, so
the same person is found again without the number being stored in the clear, and
nobody without the key can test guesses against the table.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from samverkan.lib.identity import IdentityNumber, parse


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("IDENTITY_KEYS must be set to store identity numbers.")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def _keys() -> tuple[str, ...]:
    return tuple(settings.IDENTITY_KEYS)


def identity_hash(number: IdentityNumber | str) -> str:
    value = number.value if isinstance(number, IdentityNumber) else parse(number).value
    key = settings.IDENTITY_HASH_KEY
    if not key:
        raise ImproperlyConfigured("IDENTITY_HASH_KEY must be set to store identity numbers.")
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def encrypt(number: IdentityNumber) -> str:
    return _fernet(_keys()).encrypt(number.value.encode()).decode()


def decrypt(token: str) -> IdentityNumber:
    try:
        value = _fernet(_keys()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("The identity number can not be decrypted with IDENTITY_KEYS.") from exc
    return IdentityNumber(value, int(value[6:8]) > 60)


def rotate(token: str) -> str:
    """Re-encrypt with the newest key (for a key rotation)."""
    return _fernet(_keys()).rotate(token.encode()).decode()
