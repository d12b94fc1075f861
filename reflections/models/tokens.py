"""Secret links: tokens from the OS's CSPRNG, stored only as hashes; worksheet keys."""

from __future__ import annotations

import hashlib
import secrets

# 32 bytes = 256 bits from the OS's CSPRNG: far past the 128 bits a guessed link would need.
TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    # The tokens carry 256 random bits, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def new_key() -> str:
    """The worksheet's id in its URLs: random, so ids cannot be guessed or counted."""
    return secrets.token_urlsafe(12)
