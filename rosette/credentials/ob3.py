"""Open Badges 3.0: build an unsigned ``OpenBadgeCredential`` from plain data.

Sign the result with :func:`rosette.credentials.dataintegrity.sign_eddsa_rdfc_2022` using the
issuer's current key and verification method ``<issuer did>#<key fragment>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .contexts import OB3_CONTEXT, VC_V2
from .dataintegrity import xsd_datetime
from .recipient import hash_email

# No ``credentialSchema`` is written: its type ``1EdTechJsonSchemaValidator2019`` is not defined
# by the OB 3.0.3 context, so a safe-mode canonicalizer (ours, and Digital Bazaar's) refuses it.


@dataclass(frozen=True)
class IssuerProfile:
    """The issuing organisation. ``id`` is its did:web."""

    id: str
    name: str
    url: str | None = None
    email: str | None = None
    description: str | None = None
    image_url: str | None = None


@dataclass(frozen=True)
class AchievementInfo:
    """The badge (OB 2.0's BadgeClass). ``id`` is the public URL of the badge."""

    id: str
    name: str
    description: str
    criteria_narrative: str
    image_url: str | None = None
    image_caption: str | None = None
    criteria_url: str | None = None
    tags: Sequence[str] = ()


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence; ``id`` is a URL where it can be seen, when it is public."""

    name: str | None = None
    narrative: str | None = None
    description: str | None = None
    id: str | None = None
    genre: str | None = None


@dataclass(frozen=True)
class RecipientInfo:
    """Who earned it: the email (hashed with ``salt`` in the credential) and an optional DID."""

    email: str
    salt: str
    did: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class CredentialInfo:
    """Everything about one award that goes into its credential."""

    id: str
    issuer: IssuerProfile
    achievement: AchievementInfo
    recipient: RecipientInfo
    valid_from: datetime
    valid_until: datetime | None = None
    awarded: datetime | None = None
    evidence: Sequence[EvidenceItem] = ()
    status: Sequence[dict[str, Any]] = field(default=())
    name: str | None = None
    description: str | None = None
    image_url: str | None = None


def _image(url: str, caption: str | None = None) -> dict[str, Any]:
    image: dict[str, Any] = {"id": url, "type": "Image"}
    if caption:
        image["caption"] = caption
    return image


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None}


def issuer_profile(issuer: IssuerProfile) -> dict[str, Any]:
    """The OB 3.0 ``Profile`` for an issuer (also served at the issuer's profile URL)."""
    profile = _drop_none(
        {
            "id": issuer.id,
            "type": ["Profile"],
            "name": issuer.name,
            "url": issuer.url,
            "email": issuer.email,
            "description": issuer.description,
        }
    )
    if issuer.image_url:
        profile["image"] = _image(issuer.image_url)
    return profile


def achievement(info: AchievementInfo, issuer: IssuerProfile | None = None) -> dict[str, Any]:
    """The OB 3.0 ``Achievement`` for a badge."""
    criteria: dict[str, Any] = {"narrative": info.criteria_narrative}
    if info.criteria_url:
        criteria["id"] = info.criteria_url
    result: dict[str, Any] = {
        "id": info.id,
        "type": ["Achievement"],
        "name": info.name,
        "description": info.description,
        "criteria": criteria,
    }
    if info.image_url:
        result["image"] = _image(info.image_url, info.image_caption)
    if info.tags:
        result["tag"] = list(info.tags)
    if issuer is not None:
        result["creator"] = issuer_profile(issuer)
    return result


def build_open_badge_credential(info: CredentialInfo) -> dict[str, Any]:
    """An unsigned ``OpenBadgeCredential`` (VC Data Model 2.0, OB 3.0 context 3.0.3).

    The learner is identified by a salted SHA-256 hash of their email (an ``IdentityObject``)
    and, when they have one, their DID as ``credentialSubject.id``. ``status`` entries come
    from :func:`rosette.credentials.statuslist.status_entry`; one entry is written as an object,
    several as an array.
    """
    subject: dict[str, Any] = {}
    if info.recipient.did:
        subject["id"] = info.recipient.did
    subject["type"] = ["AchievementSubject"]
    if info.recipient.name:
        subject["name"] = info.recipient.name
    subject["identifier"] = [
        {
            "type": "IdentityObject",
            "identityHash": hash_email(info.recipient.email, info.recipient.salt),
            "identityType": "emailAddress",
            "hashed": True,
            "salt": info.recipient.salt,
        }
    ]
    subject["achievement"] = achievement(info.achievement)
    credential: dict[str, Any] = {
        "@context": [VC_V2, OB3_CONTEXT],
        "id": info.id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": info.name or info.achievement.name,
        "issuer": issuer_profile(info.issuer),
        "validFrom": xsd_datetime(info.valid_from),
        "credentialSubject": subject,
    }
    if info.description:
        credential["description"] = info.description
    if info.image_url:
        credential["image"] = _image(info.image_url)
    if info.awarded is not None:
        credential["awardedDate"] = xsd_datetime(info.awarded)
    if info.valid_until is not None:
        credential["validUntil"] = xsd_datetime(info.valid_until)
    if info.evidence:
        credential["evidence"] = [
            _drop_none(
                {
                    "id": item.id,
                    "type": ["Evidence"],
                    "name": item.name,
                    "narrative": item.narrative,
                    "description": item.description,
                    "genre": item.genre,
                }
            )
            for item in info.evidence
        ]
    if info.status:
        statuses = [dict(s) for s in info.status]
        credential["credentialStatus"] = statuses[0] if len(statuses) == 1 else statuses
    return credential
