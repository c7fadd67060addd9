"""Ed25519 keys, Multikey encoding, did:key and did:web, DID documents, and key encryption.

Private keys live only inside :class:`SigningKey`, whose ``repr`` shows the public key and which
refuses to be pickled or copied into logs. At rest a private key is stored as the blob produced
by :func:`encrypt_private_key` (AES-256-GCM under a key derived from the caller's key-encryption
key); :func:`decrypt_private_key` raises :class:`KeyDecryptionError` for a wrong KEK.
"""

from __future__ import annotations

import hmac
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn
from urllib.parse import quote, unquote, urlsplit

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from .contexts import DID_V1, MULTIKEY_V1
from .errors import DIDError, KeyDecryptionError, KeyMaterialError
from .multibase import (
    ED25519_PRIV_MULTICODEC,
    ED25519_PUB_MULTICODEC,
    decode_base58btc,
    encode_base58btc,
)


@dataclass(frozen=True)
class VerificationKey:
    """An Ed25519 public key (32 raw bytes)."""

    raw: bytes

    def __post_init__(self) -> None:
        if not isinstance(self.raw, bytes) or len(self.raw) != 32:
            raise KeyMaterialError("An Ed25519 public key is exactly 32 bytes.")

    @classmethod
    def from_multibase(cls, value: str) -> VerificationKey:
        """Parse a Multikey ``publicKeyMultibase`` (``z`` + base58btc of 0xed01 + key)."""
        data = decode_base58btc(value)
        if not data.startswith(ED25519_PUB_MULTICODEC) or len(data) != 34:
            raise KeyMaterialError("The public key is not an Ed25519 Multikey (0xed01).")
        return cls(data[2:])

    @property
    def multibase(self) -> str:
        """The Multikey ``publicKeyMultibase`` form, e.g. ``z6Mk...``."""
        return encode_base58btc(ED25519_PUB_MULTICODEC + self.raw)

    @property
    def did_key(self) -> str:
        """The ``did:key`` identifier for this key."""
        return f"did:key:{self.multibase}"

    def verify(self, signature: bytes, message: bytes) -> bool:
        """True when ``signature`` is a valid Ed25519 signature of ``message``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


class SigningKey:
    """An Ed25519 private key. Never printed, pickled or compared by value."""

    __slots__ = ("_key", "_public")

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        self._public = VerificationKey(
            private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        )

    @classmethod
    def generate(cls) -> SigningKey:
        """A fresh random key."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_seed(cls, seed: bytes) -> SigningKey:
        """A key from its 32-byte seed (the "raw" private key)."""
        if not isinstance(seed, bytes) or len(seed) != 32:
            raise KeyMaterialError("An Ed25519 private key seed is exactly 32 bytes.")
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    @classmethod
    def from_multibase(cls, value: str) -> SigningKey:
        """A key from a Multikey ``secretKeyMultibase`` (0x8026 prefix + 32-byte seed)."""
        data = decode_base58btc(value)
        if not data.startswith(ED25519_PRIV_MULTICODEC) or len(data) != 34:
            raise KeyMaterialError("The private key is not an Ed25519 Multikey (0x8026).")
        return cls.from_seed(data[2:])

    @property
    def public_key(self) -> VerificationKey:
        """The matching public key."""
        return self._public

    def seed(self) -> bytes:
        """The 32-byte private seed. Only for :func:`encrypt_private_key`; never log it."""
        return self._key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    def secret_multibase(self) -> str:
        """The Multikey ``secretKeyMultibase`` form. Never log it."""
        return encode_base58btc(ED25519_PRIV_MULTICODEC + self.seed())

    def sign(self, message: bytes) -> bytes:
        """The 64-byte Ed25519 signature of ``message`` (deterministic)."""
        return self._key.sign(message)

    def __repr__(self) -> str:
        return f"<SigningKey public={self._public.multibase}>"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:
        raise TypeError("A SigningKey cannot be pickled; store encrypt_private_key() output.")

    def __copy__(self) -> NoReturn:
        raise TypeError("A SigningKey cannot be copied.")

    def __deepcopy__(self, memo: Any) -> NoReturn:
        raise TypeError("A SigningKey cannot be copied.")


# --- encryption at rest ----------------------------------------------------------------------

_BLOB_MAGIC = b"RSK1"
_HKDF_INFO = b"rosette credentials private key encryption v1"
MIN_KEK_BYTES = 32


def _kek_bytes(kek: bytes | str) -> bytes:
    raw = kek.encode("utf-8") if isinstance(kek, str) else kek
    if not isinstance(raw, bytes) or len(raw) < MIN_KEK_BYTES:
        raise KeyMaterialError(
            f"The key-encryption key must be at least {MIN_KEK_BYTES} bytes of secret material."
        )
    return raw


def _derive(kek: bytes | str, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_HKDF_INFO).derive(
        _kek_bytes(kek)
    )


def encrypt_private_key(raw: bytes, kek: bytes | str, *, associated_data: bytes = b"") -> bytes:
    """Encrypt a 32-byte private seed under ``kek`` with AES-256-GCM.

    The blob is ``b"RSK1" || salt(16) || nonce(12) || ciphertext+tag``; the AES key is derived
    from ``kek`` with HKDF-SHA256 and the per-blob salt. ``associated_data`` (for example the
    issuer and key ids) is authenticated but not stored; the same value must be given to
    :func:`decrypt_private_key`.
    """
    if not isinstance(raw, bytes) or len(raw) != 32:
        raise KeyMaterialError("An Ed25519 private key seed is exactly 32 bytes.")
    salt = os.urandom(16)
    nonce = os.urandom(12)
    ciphertext = AESGCM(_derive(kek, salt)).encrypt(nonce, raw, _BLOB_MAGIC + associated_data)
    return _BLOB_MAGIC + salt + nonce + ciphertext


def decrypt_private_key(blob: bytes, kek: bytes | str, *, associated_data: bytes = b"") -> bytes:
    """Decrypt a blob from :func:`encrypt_private_key`; the 32-byte private seed.

    Raises :class:`KeyDecryptionError` if the KEK is wrong or the blob was altered.
    """
    if not isinstance(blob, bytes) or len(blob) != 4 + 16 + 12 + 32 + 16:
        raise KeyDecryptionError("The encrypted private key is not a Rosette key blob.")
    if not hmac.compare_digest(blob[:4], _BLOB_MAGIC):
        raise KeyDecryptionError("The encrypted private key has an unknown format version.")
    salt, nonce, ciphertext = blob[4:20], blob[20:32], blob[32:]
    try:
        return AESGCM(_derive(kek, salt)).decrypt(nonce, ciphertext, _BLOB_MAGIC + associated_data)
    except InvalidTag:
        raise KeyDecryptionError(
            "Could not decrypt the private key: the key-encryption key is wrong or the stored "
            "key was altered."
        ) from None


# --- DIDs ------------------------------------------------------------------------------------

_DID_KEY_RE = re.compile(r"^did:key:(z[1-9A-HJ-NP-Za-km-z]{40,60})$")
_DID_WEB_RE = re.compile(r"^did:web:([A-Za-z0-9.\-%]+(?::[A-Za-z0-9._~\-%]+)*)$")


def did_key_verification_method(key: VerificationKey) -> str:
    """The verification method id of a did:key, ``did:key:z6Mk...#z6Mk...``."""
    return f"{key.did_key}#{key.multibase}"


def resolve_did_key(did: str) -> dict[str, Any]:
    """Build the DID document of a ``did:key`` (Ed25519 only) locally, without any network."""
    match = _DID_KEY_RE.match(did.split("#", 1)[0])
    if not match:
        raise DIDError("Not a did:key identifier.")
    try:
        key = VerificationKey.from_multibase(match.group(1))
    except KeyMaterialError as exc:
        raise DIDError(f"The did:key does not hold an Ed25519 key: {exc}") from None
    return build_did_document(key.did_key, [(key.multibase, key)])


def did_web_from_url(site_url: str) -> str:
    """The did:web for a site URL, e.g. ``https://127.0.0.1:8000/issuers/a`` gives
    ``did:web:127.0.0.1%3A8000:issuers:a`` (the port's colon percent-encoded, path segments
    joined with ``:``)."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise DIDError("A did:web is derived from an http(s) URL with a host name.")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise DIDError("A did:web site URL has no query, fragment or credentials.")
    host = parts.hostname.lower()
    if parts.port is not None:
        host = f"{host}%3A{parts.port}"
    segments = [quote(unquote(s), safe="") for s in parts.path.split("/") if s]
    return ":".join(["did", "web", host, *segments])


def did_web_document_url(did: str) -> str:
    """Where a did:web's DID document lives (``/.well-known/did.json`` or ``<path>/did.json``).

    Always ``https``, as the did:web method requires.
    """
    match = _DID_WEB_RE.match(did.split("#", 1)[0])
    if not match:
        raise DIDError("Not a did:web identifier.")
    host, *segments = match.group(1).split(":")
    host = unquote(host)
    path = "/".join(unquote(s) for s in segments)
    if any(s in ("", ".", "..") or "/" in unquote(s) for s in segments):
        raise DIDError("The did:web has an unsafe path segment.")
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def build_did_document(
    did: str, keys: Iterable[tuple[str, VerificationKey]], *, also_known_as: str | None = None
) -> dict[str, Any]:
    """A DID document listing ``keys`` as Multikey verification methods for assertionMethod.

    ``keys`` is ``(fragment, key)`` pairs, current key first then previous (rotated-out) keys,
    so credentials signed before a rotation still verify. A key that was compromised must be
    left out, which makes every credential it signed fail verification.
    """
    methods = []
    for fragment, key in keys:
        methods.append(
            {
                "id": f"{did}#{fragment}",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": key.multibase,
            }
        )
    document: dict[str, Any] = {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }
    if also_known_as:
        document["alsoKnownAs"] = [also_known_as]
    return document


def find_verification_method(
    document: Mapping[str, Any], method_id: str, *, purpose: str = "assertionMethod"
) -> dict[str, Any] | None:
    """The verification method ``method_id`` in a DID/controller document, if it is listed
    under ``purpose``; ``None`` otherwise."""
    did = document.get("id")
    if not isinstance(did, str):
        return None

    def absolute(ref: str) -> str:
        return f"{did}{ref}" if ref.startswith("#") else ref

    candidates: list[Any] = []
    for entry in _as_list(document.get("verificationMethod")):
        candidates.append(entry)
    authorised = set()
    for entry in _as_list(document.get(purpose)):
        if isinstance(entry, str):
            authorised.add(absolute(entry))
        elif isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
            authorised.add(absolute(entry["id"]))
            candidates.append(entry)
    if method_id not in authorised:
        return None
    for entry in candidates:
        if isinstance(entry, Mapping) and absolute(str(entry.get("id", ""))) == method_id:
            method = dict(entry)
            method["id"] = method_id
            return method
    return None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]
