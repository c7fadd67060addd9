"""Salted recipient identity hashes shared by Open Badges 2.0 and 3.0."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def normalise_email(email: str) -> str:
    """Emails are hashed trimmed and lower-cased, so what a person types later still matches."""
    return email.strip().lower()


def new_salt() -> str:
    """A fresh random salt for one award."""
    return secrets.token_hex(16)


def hash_email(email: str, salt: str) -> str:
    """``sha256$`` + hex SHA-256 of the normalised email followed by the salt."""
    digest = hashlib.sha256((normalise_email(email) + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def identity_matches(identity: str, email: str, salt: str | None, *, hashed: bool) -> bool:
    """Does ``email`` match a recipient identity (``sha256$``/``md5$`` hash, or plaintext)?

    The email is compared as typed and normalised, in constant time.
    """
    if not isinstance(identity, str):
        return False
    candidates = {email, email.strip(), normalise_email(email)}
    if not hashed:
        return any(hmac.compare_digest(identity.lower(), c.lower()) for c in candidates)
    algorithm, _, expected = identity.partition("$")
    algorithm = algorithm.lower()
    if algorithm not in ("sha256", "md5") or not expected:
        return False
    for candidate in candidates:
        data = (candidate + (salt or "")).encode("utf-8")
        digest = (
            hashlib.sha256(data).hexdigest()
            if algorithm == "sha256"
            else hashlib.md5(data, usedforsecurity=False).hexdigest()
        )
        if hmac.compare_digest(digest, expected.lower()):
            return True
    return False
