"""Exception types raised by the credentials layer.

Every message is plain English and safe to show to the person who supplied the input: none of
them quotes key material.
"""

from __future__ import annotations


class CredentialError(Exception):
    """Base class for every error raised by :mod:`rosette.credentials`."""


class CredentialFormatError(CredentialError):
    """A credential, assertion or other JSON document is malformed, too large or too deep."""


class BadgeImageError(CredentialError):
    """A badge image (PNG or SVG) is malformed, too large, or carries no usable badge."""


class ContextError(CredentialError):
    """A JSON-LD context could not be used: unknown URL, or a local file failed its checksum."""


class KeyMaterialError(CredentialError):
    """Key material is malformed (wrong length, wrong multicodec prefix, bad multibase)."""


class KeyDecryptionError(KeyMaterialError):
    """An encrypted private key could not be decrypted: wrong key-encryption key or damaged."""


class DIDError(CredentialError):
    """A DID could not be parsed or resolved."""


class SigningError(CredentialError):
    """A document could not be signed (for example it does not canonicalize safely)."""
