"""Bitstring Status List (W3C): the bitstring, its encoding, the list credential, and checks.

Layout used by Rosette (ADR 0003): each issuer has one list for ``revocation`` and one for
``suspension``; an award gets one index, the same in both lists, chosen at random among unused
indexes (so neighbouring indexes say nothing about issue order). Bit ``i`` is the ``i``-th bit
counting from the most significant bit of the first byte, as the specification requires.
"""

from __future__ import annotations

import gzip
import secrets
import zlib
from collections.abc import Container, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .contexts import VC_V2
from .dataintegrity import xsd_datetime
from .errors import CredentialFormatError
from .multibase import decode_base64url, encode_base64url

MIN_BITS = 131_072  # 16 KiB, the specification's minimum for herd privacy
MAX_BITS = 8 * 2_000_000
MAX_ENCODED_CHARS = 3_000_000
STATUS_PURPOSES = ("revocation", "suspension")


class StatusBitstring:
    """A mutable bitstring of at least :data:`MIN_BITS` bits."""

    __slots__ = ("_bits",)

    def __init__(self, length: int = MIN_BITS) -> None:
        if length < MIN_BITS or length % 8 or length > MAX_BITS:
            raise ValueError(
                f"A status list has between {MIN_BITS} and {MAX_BITS} bits, a multiple of 8."
            )
        self._bits = bytearray(length // 8)

    @classmethod
    def from_bytes(cls, data: bytes) -> StatusBitstring:
        """Wrap raw (uncompressed) bitstring bytes."""
        result = cls(max(MIN_BITS, len(data) * 8))
        if len(data) * 8 < MIN_BITS:
            raise CredentialFormatError(f"A status list must hold at least {MIN_BITS} bits.")
        result._bits[:] = data
        return result

    @classmethod
    def decode(cls, encoded: str) -> StatusBitstring:
        """Decode an ``encodedList`` (multibase base64url of GZIP), refusing oversized input."""
        if not isinstance(encoded, str) or len(encoded) > MAX_ENCODED_CHARS:
            raise CredentialFormatError("The status list encodedList is missing or too large.")
        try:
            compressed = decode_base64url(encoded)
        except ValueError:
            # Some issuers omit the multibase prefix (older drafts); accept plain base64url.
            try:
                compressed = decode_base64url("u" + encoded)
            except ValueError:
                raise CredentialFormatError(
                    "The status list encodedList is not base64url."
                ) from None
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            data = inflater.decompress(compressed, MAX_BITS // 8 + 1)
        except zlib.error:
            raise CredentialFormatError("The status list is not valid GZIP data.") from None
        if len(data) > MAX_BITS // 8 or inflater.unconsumed_tail:
            raise CredentialFormatError("The status list expands to more than is allowed.")
        if not inflater.eof:
            raise CredentialFormatError("The status list GZIP data is truncated.")
        return cls.from_bytes(data)

    def __len__(self) -> int:
        return len(self._bits) * 8

    def get(self, index: int) -> bool:
        """The bit at ``index``."""
        self._check(index)
        return bool(self._bits[index // 8] & (0x80 >> (index % 8)))

    def set(self, index: int, value: bool = True) -> None:
        """Set (or clear) the bit at ``index``."""
        self._check(index)
        mask = 0x80 >> (index % 8)
        if value:
            self._bits[index // 8] |= mask
        else:
            self._bits[index // 8] &= ~mask & 0xFF

    def _check(self, index: int) -> None:
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(self):
            raise IndexError(f"Status list index {index!r} is out of range.")

    def to_bytes(self) -> bytes:
        """The raw bitstring."""
        return bytes(self._bits)

    def encode(self) -> str:
        """The ``encodedList`` value: multibase base64url (``u``) of the GZIP-compressed bits."""
        return encode_base64url(gzip.compress(bytes(self._bits), compresslevel=9, mtime=0))


def allocate_index(used: Container[int], *, size: int = MIN_BITS, attempts: int = 64) -> int:
    """A random index in ``[0, size)`` not in ``used``; raises ``LookupError`` if the list is
    (nearly) full, in which case the caller opens a new list."""
    for _ in range(attempts):
        candidate = secrets.randbelow(size)
        if candidate not in used:
            return candidate
    raise LookupError("The status list is full; start a new list.")


def status_entry(*, list_url: str, index: int, purpose: str) -> dict[str, Any]:
    """A ``BitstringStatusListEntry`` for a credential's ``credentialStatus``."""
    if purpose not in STATUS_PURPOSES:
        raise ValueError(f"Status purpose must be one of {STATUS_PURPOSES}.")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def build_status_list_credential(
    *,
    list_url: str,
    issuer_id: str,
    purpose: str,
    bitstring: StatusBitstring,
    valid_from: datetime,
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    """An unsigned ``BitstringStatusListCredential`` (sign it with
    :func:`rosette.credentials.dataintegrity.sign_eddsa_rdfc_2022`, publish at ``list_url``)."""
    if purpose not in STATUS_PURPOSES:
        raise ValueError(f"Status purpose must be one of {STATUS_PURPOSES}.")
    credential: dict[str, Any] = {
        "@context": [VC_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": bitstring.encode(),
        },
    }
    if valid_until is not None:
        credential["validUntil"] = xsd_datetime(valid_until)
    return credential


@dataclass(frozen=True)
class StatusResult:
    """The state of one status entry: ``active`` is True when the bit is set (revoked or
    suspended, per ``purpose``)."""

    purpose: str
    index: int
    active: bool


def check_status_entry(
    entry: Mapping[str, Any], list_credential: Mapping[str, Any]
) -> StatusResult:
    """Read the bit an entry points at in an already-verified list credential.

    Checks that the list is the one the entry names and has the same purpose; raises
    :class:`CredentialFormatError` otherwise. Verifying the list's proof and issuer is the
    caller's job (:func:`rosette.credentials.verify.verify_credential` does both).
    """
    if entry.get("type") != "BitstringStatusListEntry":
        raise CredentialFormatError("The credential status is not a BitstringStatusListEntry.")
    purpose = entry.get("statusPurpose")
    raw_index = entry.get("statusListIndex")
    if not isinstance(raw_index, str) or not raw_index.isdigit() or len(raw_index) > 9:
        raise CredentialFormatError("The statusListIndex is not a non-negative integer string.")
    index = int(raw_index)
    if list_credential.get("id") != entry.get("statusListCredential"):
        raise CredentialFormatError("The status list fetched is not the one the entry names.")
    types = list_credential.get("type")
    if not isinstance(types, list) or "BitstringStatusListCredential" not in types:
        raise CredentialFormatError("The status list is not a BitstringStatusListCredential.")
    subject = list_credential.get("credentialSubject")
    if not isinstance(subject, Mapping) or subject.get("type") != "BitstringStatusList":
        raise CredentialFormatError("The status list has no BitstringStatusList subject.")
    if subject.get("statusPurpose") != purpose:
        raise CredentialFormatError("The status list's purpose differs from the entry's.")
    bits = StatusBitstring.decode(subject.get("encodedList"))  # type: ignore[arg-type]  # JSON: decode refuses a non-string
    if index >= len(bits):
        raise CredentialFormatError("The statusListIndex is beyond the end of the list.")
    return StatusResult(str(purpose), index, bits.get(index))
