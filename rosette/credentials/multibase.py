"""The two multibase encodings the credentials layer needs: base58btc (``z``) and base64url
(``u``, no padding), plus the multicodec prefixes for Ed25519 keys."""

from __future__ import annotations

import base64

import base58

from .errors import KeyMaterialError

ED25519_PUB_MULTICODEC = b"\xed\x01"
ED25519_PRIV_MULTICODEC = b"\x80\x26"


def encode_base58btc(data: bytes) -> str:
    """Multibase base58btc: ``'z'`` followed by the Bitcoin-alphabet base58 of ``data``."""
    return "z" + base58.b58encode(data).decode("ascii")


def decode_base58btc(value: str) -> bytes:
    """Decode a ``'z'``-prefixed multibase string; raise :class:`KeyMaterialError` otherwise."""
    if not isinstance(value, str) or not value.startswith("z") or len(value) > 4096:
        raise KeyMaterialError("Expected a multibase base58btc value starting with 'z'.")
    try:
        return base58.b58decode(value[1:].encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise KeyMaterialError("The multibase value is not valid base58btc.") from None


def encode_base64url(data: bytes) -> str:
    """Multibase base64url without padding: ``'u'`` followed by the encoding."""
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_base64url(value: str) -> bytes:
    """Decode a ``'u'``-prefixed multibase base64url string (padding optional)."""
    if not isinstance(value, str) or not value.startswith("u"):
        raise ValueError("Expected a multibase base64url value starting with 'u'.")
    body = value[1:]
    if not body.isascii() or any(c not in _B64URL for c in body.rstrip("=")):
        raise ValueError("The multibase value is not valid base64url.")
    return base64.urlsafe_b64decode(body.rstrip("=") + "=" * (-len(body.rstrip("=")) % 4))


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
