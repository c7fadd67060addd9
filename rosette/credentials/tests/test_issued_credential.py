"""The OB 3.0 credential exactly as ``award_create`` issues it, checked by outsiders: the 1EdTech
JSON Schema and Digital Bazaar's verifier with the status checked, through every status the
award can take; and credentials issued before (two status entries) keep verifying."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.awards.services import award_create, award_status_change
from rosette.catalogue.models import Badge, Issuer
from rosette.credentials.keys import SigningKey, encrypt_private_key
from rosette.credentials.models import AwardCredential, IssuerKey
from rosette.credentials.services import credential_status_sync
from tests import factories

from .conftest import read_json
from .test_interop_digitalbazaar import _MISSING, run_node
from .test_ob3_and_status import validate

pytestmark = pytest.mark.django_db

needs_node = pytest.mark.skipif(_MISSING, reason="node or tests/interop/node_modules is missing")


def _path(url: str) -> str:
    assert url.startswith(settings.SITE_URL + "/"), url
    return url[len(settings.SITE_URL) :]


@pytest.fixture
def badge(issuer: Issuer) -> Badge:
    return factories.make_badge(issuer=issuer, name="Video chats")


def issue(recipient: User, badge: Badge, capture: Any) -> tuple[Award, dict[str, Any]]:
    """Award the badge through the awards service; the credential is issued after commit."""
    with capture(execute=True):
        award = award_create(recipient=recipient, badge=badge, actor=None)
    return award, json.loads(AwardCredential.objects.get(award=award).ob3_json)


def digital_bazaar(client: Client, credential: dict[str, Any]) -> dict[str, Any]:
    """Digital Bazaar's verdict, given the DID document and status lists as we serve them."""
    issuer = credential["issuer"]["id"]
    did_url = "/issuers/" + issuer.rsplit(":", 1)[1] + "/did.json"
    statuses = credential.get("credentialStatus", [])
    entries = statuses if isinstance(statuses, list) else [statuses]
    documents = {}
    for entry in entries:
        response = client.get(_path(entry["statusListCredential"]))
        assert response.status_code == 200, entry
        documents[entry["statusListCredential"]] = response.json()
    result: dict[str, Any] = run_node(
        "verify",
        {
            "credential": credential,
            "didDocuments": {issuer: client.get(did_url).json()},
            "documents": documents,
        },
    )
    return result


def test_the_credential_award_create_issues_meets_the_1edtech_schema(
    learner: User, badge: Badge, django_capture_on_commit_callbacks: Any
) -> None:
    _award, credential = issue(learner, badge, django_capture_on_commit_callbacks)
    # Only the JSON-LD compaction of single values is allowed for (the schema README).
    validate(credential)
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"


@needs_node
def test_digital_bazaar_follows_the_issued_credential_through_every_status(
    client: Client,
    learner: User,
    badge: Badge,
    issuer_admin: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    award, credential = issue(learner, badge, django_capture_on_commit_callbacks)
    index = credential["credentialStatus"]["statusListIndex"]

    def verdict() -> dict[str, Any]:
        return digital_bazaar(client, credential)

    def change(action: str) -> None:
        award_status_change(award=award, actor=issuer_admin, action=action, reason="Checking")

    current = verdict()
    assert current["verified"] is True, current["error"]
    assert current["statuses"] == [{"purpose": "revocation", "index": index, "set": False}]

    change("suspend")  # not valid now
    assert verdict()["statuses"] == [{"purpose": "revocation", "index": index, "set": True}]
    change("restore")  # valid again
    assert verdict()["statuses"] == [{"purpose": "revocation", "index": index, "set": False}]
    change("revoke")  # revoked
    revoked = verdict()
    assert revoked["verified"] is True, revoked["error"]  # the list itself is genuine
    assert revoked["statuses"] == [{"purpose": "revocation", "index": index, "set": True}]


# --- credentials issued before one status entry --------------------------------------------------

LEGACY = read_json("legacy_two_status_credential.json")


@pytest.fixture
def legacy_award(learner: User, issuer: Issuer, badge: Badge) -> Award:
    """An award as Rosette left it before credentials had one status entry: the signed
    credential (two entries: revocation and suspension lists), its key and its index, exactly
    as ``credential_issue`` stored them then (``data/legacy_two_status_credential.json``,
    made by commit f77258a). Rows are written as that code wrote them; nothing else can."""
    assert LEGACY["site_url"] == settings.SITE_URL and issuer.slug == LEGACY["issuer_slug"]
    award = award_create(recipient=learner, badge=badge, actor=None)  # no credential yet
    Award.objects.filter(pk=award.pk).update(
        code=LEGACY["award_code"], awarded_at=datetime.fromisoformat(LEGACY["awarded_at"])
    )
    seed = bytes.fromhex(LEGACY["key_seed_hex"])
    key = IssuerKey(
        issuer=issuer,
        fragment=LEGACY["key_fragment"],
        public_key_multibase=SigningKey.from_seed(seed).public_key.multibase,
    )
    assert key.public_key_multibase == LEGACY["public_key_multibase"]
    key.encrypted_seed = encrypt_private_key(
        seed, settings.CREDENTIAL_KEK, associated_data=key.associated_data()
    )
    key.save()
    award.refresh_from_db()
    AwardCredential.objects.create(
        award=award,
        issuer=issuer,
        salt=LEGACY["salt"],
        recipient_identity=LEGACY["recipient_identity"],
        status_list_number=LEGACY["status_list_number"],
        status_index=LEGACY["status_index"],
        signing_key=key,
        ob3_json=LEGACY["ob3_json"],
    )
    credential_status_sync(award=award)  # its lists exist, as they did when it was issued
    return award


def _verify_page(client: Client, credential: str) -> str:
    upload = SimpleUploadedFile("credential.json", credential.encode())
    return client.post("/verify/", {"file": upload}).content.decode()


def test_a_credential_issued_with_two_status_entries_keeps_verifying(
    client: Client, legacy_award: Award, issuer_admin: User
) -> None:
    credential = LEGACY["ob3_json"]
    assert len(json.loads(credential)["credentialStatus"]) == 2
    assert "Genuine: this badge is genuine and current" in _verify_page(client, credential)
    for action, heading in (
        ("suspend", "Suspended: the issuer has suspended this badge for now"),
        ("restore", "Genuine: this badge is genuine and current"),
        ("revoke", "Revoked: the issuer has taken this badge back"),
    ):
        award_status_change(award=legacy_award, actor=issuer_admin, action=action, reason="Test")
        assert heading in _verify_page(client, credential), action


@needs_node
def test_digital_bazaar_still_reads_both_entries_of_an_old_credential(
    client: Client, legacy_award: Award, issuer_admin: User
) -> None:
    credential = json.loads(LEGACY["ob3_json"])
    index = str(LEGACY["status_index"])

    def states() -> list[tuple[str, bool]]:
        result = digital_bazaar(client, credential)
        assert result["verified"] is True, result["error"]
        return [(s["purpose"], s["set"]) for s in result["statuses"]]

    assert states() == [("revocation", False), ("suspension", False)]
    award_status_change(award=legacy_award, actor=issuer_admin, action="suspend", reason="Test")
    assert states() == [("revocation", False), ("suspension", True)]
    award_status_change(award=legacy_award, actor=issuer_admin, action="restore", reason="")
    assert states() == [("revocation", False), ("suspension", False)]
    award_status_change(award=legacy_award, actor=issuer_admin, action="revoke", reason="Test")
    assert states() == [("revocation", True), ("suspension", False)]
    assert index in credential["credentialStatus"][0]["id"]
