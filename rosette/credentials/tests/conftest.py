"""Shared fixtures: a fixed issuer key, its did:web document, a sample OB 3.0 credential."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from rosette.credentials.contexts import document_loader
from rosette.credentials.dataintegrity import Canonicalizer
from rosette.credentials.keys import SigningKey, build_did_document, did_web_from_url
from rosette.credentials.ob3 import (
    AchievementInfo,
    CredentialInfo,
    EvidenceItem,
    IssuerProfile,
    RecipientInfo,
)
from rosette.credentials.statuslist import status_entry

DATA = Path(__file__).parent / "data"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
SITE = "https://127.0.0.1:8000"
ISSUER_DID = did_web_from_url(f"{SITE}/issuers/sssc")
NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def read_json(name: str) -> Any:
    return json.loads((DATA / name).read_text("utf-8"))


@pytest.fixture
def examples_canonicalizer() -> Canonicalizer:
    """A canonicalizer that also knows the W3C examples context used by the spec's vectors."""
    extra = {EXAMPLES_V2: {"@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}}}
    return Canonicalizer(document_loader(extra))


@pytest.fixture
def issuer_key() -> SigningKey:
    return SigningKey.from_seed(bytes(range(32)))


@pytest.fixture
def old_key() -> SigningKey:
    return SigningKey.from_seed(bytes(range(100, 132)))


@pytest.fixture
def did_document(issuer_key: SigningKey, old_key: SigningKey) -> dict[str, Any]:
    return build_did_document(
        ISSUER_DID, [("key-2", issuer_key.public_key), ("key-1", old_key.public_key)]
    )


@pytest.fixture
def resolver(did_document: dict[str, Any]) -> Callable[[str], Mapping[str, Any] | None]:
    documents = {ISSUER_DID: did_document}
    return documents.get


def make_info(**overrides: Any) -> CredentialInfo:
    issuer = IssuerProfile(
        id=ISSUER_DID,
        name="Scottish Social Services Council",
        url="https://www.sssc.uk.com",
        email="openbadges@sssc.uk.com",
    )
    values: dict[str, Any] = {
        "id": f"{SITE}/credentials/0b7d9d9e-3c1c-4f6e-9d4b-6c1f0f0a7e11",
        "issuer": issuer,
        "achievement": AchievementInfo(
            id=f"{SITE}/badges/video-chats",
            name="Video chats",
            description="Using video chats safely.",
            criteria_narrative="Write about three things you learned.",
            image_url=f"{SITE}/badges/video-chats/image.png",
            tags=("online safety",),
        ),
        "recipient": RecipientInfo(email="Learner@Example.org", salt="s4lt"),
        "valid_from": datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        "awarded": datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        "evidence": (
            EvidenceItem(
                id=f"{SITE}/awards/abc/evidence/1", name="Statement", narrative="I learned..."
            ),
        ),
        # One entry, as Rosette issues: the validity list, published with purpose revocation.
        "status": (
            status_entry(list_url=f"{SITE}/status/sssc/validity", index=7, purpose="revocation"),
        ),
    }
    values.update(overrides)
    return CredentialInfo(**values)


# The two entries every credential carried before ADR 0008 (such credentials must keep working).
TWO_ENTRIES = (
    status_entry(list_url=f"{SITE}/status/sssc/revocation", index=7, purpose="revocation"),
    status_entry(list_url=f"{SITE}/status/sssc/suspension", index=7, purpose="suspension"),
)


def png_bytes(size: int = 4) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (200, 30, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<circle cx="5" cy="5" r="4" fill="#06c"/></svg>'
)
