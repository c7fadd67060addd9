"""Rosette's credentials core: the only code that touches signing keys, signs or verifies.

Plain data in, plain data out; no Django imports here (``models.py``/``services.py`` in this
package hold the Django side). JSON-LD contexts are local files (``contexts/``); nothing here
opens a network connection: callers pass ``resolver``/``fetch`` callables.

Keys (:mod:`.keys`)
    ``SigningKey.generate()``, ``SigningKey.from_seed(seed)``, ``key.public_key.multibase``,
    ``encrypt_private_key(seed, kek, associated_data=b"") -> bytes``,
    ``decrypt_private_key(blob, kek, associated_data=b"") -> bytes`` (``KeyDecryptionError``),
    ``did_web_from_url(url) -> "did:web:..."``, ``did_web_document_url(did) -> url``,
    ``build_did_document(did, [(fragment, VerificationKey), ...]) -> dict``,
    ``resolve_did_key(did) -> dict``.

Build (:mod:`.ob3`, :mod:`.ob2`, :mod:`.statuslist`)
    ``build_open_badge_credential(CredentialInfo(...)) -> dict`` (unsigned OB 3.0),
    ``issuer_profile(IssuerProfile) -> dict``, ``achievement(AchievementInfo) -> dict``,
    ``build_assertion(...)``, ``build_badge_class(...)``, ``build_issuer(...)``,
    ``build_revocation_list(...)``, ``build_revoked_assertion(...)`` (OB 2.0 hosted JSON),
    ``status_entry(list_url=, index=, purpose=)``, ``allocate_index(used)``,
    ``StatusBitstring``, ``build_status_list_credential(...)``.

Sign (:mod:`.dataintegrity`)
    ``sign_eddsa_rdfc_2022(document, key, verification_method=, created=) -> dict``.

Verify (:mod:`.dataintegrity`, :mod:`.verify`, :mod:`.ob2`)
    ``verify_proof(document, resolver=) -> ProofCheck``,
    ``verify_credential(credential, resolver=, fetch_status_list=, email=, now=)``,
    ``verify_badge(bytes | str | dict, fetch=, resolver=, fetch_status_list=, email=)``
    ``-> VerificationReport`` (``verified``, ``problems`` with ``code``/``message``,
    ``warnings``), ``verify_hosted_assertion(assertion_or_url, fetch=, email=)``.

Bake and extract (:mod:`.baking`)
    ``bake_png(png, payload, kind="ob2"|"ob3")``, ``bake_svg(svg, payload, kind=...)``,
    ``extract_badge(data) -> BakedBadge | None`` (``BadgeImageError`` for hostile files).
    ``load_json(data)`` (:mod:`.jsonsafe`) parses untrusted JSON with size/depth caps.
"""

from __future__ import annotations

from .baking import BakedBadge, bake_png, bake_svg, extract_badge, extract_png, extract_svg
from .dataintegrity import ProofCheck, sign_eddsa_rdfc_2022, verify_proof
from .errors import (
    BadgeImageError,
    ContextError,
    CredentialError,
    CredentialFormatError,
    DIDError,
    KeyDecryptionError,
    KeyMaterialError,
    SigningError,
)
from .jsonsafe import load_json
from .keys import (
    SigningKey,
    VerificationKey,
    build_did_document,
    decrypt_private_key,
    did_web_document_url,
    did_web_from_url,
    encrypt_private_key,
    resolve_did_key,
)
from .ob2 import (
    build_assertion,
    build_badge_class,
    build_issuer,
    build_revocation_list,
    build_revoked_assertion,
    verify_hosted_assertion,
)
from .ob3 import (
    AchievementInfo,
    CredentialInfo,
    EvidenceItem,
    IssuerProfile,
    RecipientInfo,
    build_open_badge_credential,
)
from .statuslist import (
    StatusBitstring,
    allocate_index,
    build_status_list_credential,
    check_status_entry,
    status_entry,
)
from .verify import VerificationReport, verify_badge, verify_credential

__all__ = [
    "AchievementInfo",
    "BadgeImageError",
    "BakedBadge",
    "ContextError",
    "CredentialError",
    "CredentialFormatError",
    "CredentialInfo",
    "DIDError",
    "EvidenceItem",
    "IssuerProfile",
    "KeyDecryptionError",
    "KeyMaterialError",
    "ProofCheck",
    "RecipientInfo",
    "SigningError",
    "SigningKey",
    "StatusBitstring",
    "VerificationKey",
    "VerificationReport",
    "allocate_index",
    "bake_png",
    "bake_svg",
    "build_assertion",
    "build_badge_class",
    "build_did_document",
    "build_issuer",
    "build_open_badge_credential",
    "build_revocation_list",
    "build_revoked_assertion",
    "build_status_list_credential",
    "check_status_entry",
    "decrypt_private_key",
    "did_web_document_url",
    "did_web_from_url",
    "encrypt_private_key",
    "extract_badge",
    "extract_png",
    "extract_svg",
    "load_json",
    "resolve_did_key",
    "sign_eddsa_rdfc_2022",
    "status_entry",
    "verify_badge",
    "verify_credential",
    "verify_hosted_assertion",
    "verify_proof",
]
