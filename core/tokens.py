"""Secret link tokens (invitations, respondent links): made random, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    """Return a fresh 256-bit random token for a link."""
    return secrets.token_urlsafe(32)


def hash_token(raw_token: str) -> str:
    """Return the stored form of a link token (its SHA-256), so a database leak gives no working link."""
    return hashlib.sha256(raw_token.encode()).hexdigest()
