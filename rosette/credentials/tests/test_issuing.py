"""Issuing credentials for awards, the hosted documents, status changes and key rotation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.catalogue.models import Issuer
from rosette.core.models import AuditEvent
from rosette.credentials import selectors, services
from rosette.credentials.baking import extract_badge
from rosette.credentials.models import AwardCredential, IssuerKey, StatusList
from rosette.credentials.recipient import hash_email
from rosette.credentials.statuslist import StatusBitstring
from rosette.credentials.tasks import credential_issue_later, issue_credential_task
from rosette.credentials.verify import verify_credential
from tests.signin import SignInClient

from .django_helpers import make_award, set_status
from .test_ob3_and_status import validate

pytestmark = pytest.mark.django_db


def _verify(credential: dict[str, Any], email: str | None = None) -> Any:
    def resolver(did: str) -> Any:
        return selectors.local_did_document(did)

    def fetch_status_list(url: str) -> Any:
        return selectors.local_document(url)

    return verify_credential(
        credential, resolver=resolver, fetch_status_list=fetch_status_list, email=email
    )


@pytest.fixture
def award(learner: User, issuer: Issuer) -> Award:
    from tests import factories

    return make_award(
        recipient=learner, badge=factories.make_badge(issuer=issuer, name="Video chats")
    )


def test_issuing_signs_an_ob3_credential_that_verifies_and_meets_the_schema(award: Award) -> None:
    credential = services.credential_issue(award=award)
    document = json.loads(credential.ob3_json)
    report = _verify(document, email="learner@example.org")
    assert report.verified, report.problems
    assert report.recipient_matches is True
    assert document["issuer"]["id"] == "did:web:127.0.0.1%3A8000:issuers:sssc"
    assert document["id"] == f"http://127.0.0.1:8000/credentials/{award.code}.json"
    assert document["credentialSubject"]["achievement"]["name"] == "Video chats"
    assert document["credentialStatus"]["statusListIndex"] == str(credential.status_index)
    assert document["credentialStatus"]["statusListCredential"].endswith("/validity.json")
    validate(document)


def test_issuing_is_idempotent_and_keeps_only_the_salted_email_hash(award: Award) -> None:
    first = services.credential_issue(award=award)
    second = services.credential_issue(award=award)
    assert first.pk == second.pk and first.ob3_json == second.ob3_json
    assert first.recipient_identity == hash_email("learner@example.org", first.salt)
    assert "learner@example.org" not in first.ob3_json
    assert IssuerKey.objects.filter(issuer=award.badge.issuer).count() == 1
    assert AuditEvent.objects.filter(action="credentials:credential:issue").count() == 1


def test_the_task_issues_the_credential(award: Award) -> None:
    issue_credential_task.enqueue(award_id=award.pk)
    assert AwardCredential.objects.filter(award=award).exists()


def test_issue_later_runs_the_task_after_commit(
    award: Award, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        credential_issue_later(award=award)
    assert AwardCredential.objects.filter(award=award).exists()


def test_awards_of_one_issuer_get_distinct_status_indexes(
    learner: User, outsider: User, issuer: Issuer
) -> None:
    from tests import factories

    a = services.credential_issue(
        award=make_award(recipient=learner, badge=factories.make_badge(issuer=issuer))
    )
    b = services.credential_issue(
        award=make_award(recipient=outsider, badge=factories.make_badge(issuer=issuer))
    )
    assert a.status_index != b.status_index
    assert a.issuer == b.issuer == issuer


def test_did_document_is_served_at_the_did_web_path(client: Client, award: Award) -> None:
    services.credential_issue(award=award)
    response = client.get("/issuers/sssc/did.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/did+ld+json"
    document = response.json()
    key = IssuerKey.objects.get(issuer=award.badge.issuer)
    assert document["id"] == "did:web:127.0.0.1%3A8000:issuers:sssc"
    assert document["assertionMethod"] == [f"{document['id']}#key-1"]
    assert document["verificationMethod"][0]["publicKeyMultibase"] == key.public_key_multibase
    assert "seed" not in response.content.decode()


def test_ob2_hosted_documents_link_up(client: Client, award: Award) -> None:
    credential = services.credential_issue(award=award)
    assertion = client.get(f"/ob2/assertions/{award.code}.json")
    assert assertion["Content-Type"] == "application/ld+json"
    data = assertion.json()
    assert data["type"] == "Assertion"
    assert data["recipient"]["identity"] == credential.recipient_identity
    assert data["verification"] == {"type": "hosted"}
    badge = client.get(data["badge"].removeprefix("http://127.0.0.1:8000")).json()
    assert badge["type"] == "BadgeClass" and badge["name"] == "Video chats"
    issuer = client.get(badge["issuer"].removeprefix("http://127.0.0.1:8000")).json()
    assert issuer["type"] == "Issuer" and issuer["name"] == "Scottish Social Services Council"
    revocations = client.get(issuer["revocationList"].removeprefix("http://127.0.0.1:8000"))
    assert revocations.json()["revokedAssertions"] == []
    png = client.get(f"/ob2/assertions/{award.code}.png")
    baked = extract_badge(png.content)
    assert baked is not None and baked.kind == "ob2" and baked.payload == data["id"]


def test_ob3_download_and_baked_images(client: Client, award: Award) -> None:
    credential = services.credential_issue(award=award)
    download = client.get(f"/credentials/{award.code}.json")
    assert download["Content-Disposition"].startswith("attachment;")
    assert download.content.decode() == credential.ob3_json
    for suffix, kind in (("png", "png"), ("svg", "svg")):
        image = client.get(f"/credentials/{award.code}.{suffix}")
        assert image.status_code == 200
        baked = extract_badge(image.content)
        assert baked is not None and baked.format == kind and baked.payload.startswith("{")
        assert json.loads(baked.payload) == json.loads(credential.ob3_json)


def test_unknown_award_codes_are_404(client: Client, db: None) -> None:
    for url in ("/credentials/nope.json", "/ob2/assertions/nope.json", "/credentials/nope.png"):
        assert client.get(url).status_code == 404
    assert client.get("/status/sssc/everything.json").status_code == 404


def test_revocation_shows_in_status_list_assertion_and_revocation_list(
    client: Client, award: Award
) -> None:
    credential = services.credential_issue(award=award)
    set_status(award, Award.Status.REVOKED, "Evidence was copied.")
    revocation = client.get("/status/sssc/revocation.json").json()
    bits = StatusBitstring.decode(revocation["credentialSubject"]["encodedList"])
    assert bits.get(credential.status_index) is True
    suspension = client.get("/status/sssc/suspension.json").json()
    assert (
        StatusBitstring.decode(suspension["credentialSubject"]["encodedList"]).get(
            credential.status_index
        )
        is False
    )
    assertion = client.get(f"/ob2/assertions/{award.code}.json").json()
    assert assertion["revoked"] is True and assertion["revocationReason"] == "Evidence was copied."
    revoked = client.get("/ob2/issuers/sssc/revocations.json").json()["revokedAssertions"]
    assert revoked == [{"id": assertion["id"], "revocationReason": "Evidence was copied."}]
    report = _verify(json.loads(credential.ob3_json))
    assert [p.code for p in report.problems] == ["revoked"]


def test_suspension_then_restoring_sets_then_clears_the_bits(award: Award) -> None:
    credential = services.credential_issue(award=award)
    lists = {s.purpose: s for s in StatusList.objects.filter(issuer=award.badge.issuer)}

    def bits() -> dict[str, bool]:
        return {
            purpose: StatusList.objects.get(pk=s.pk).bitstring().get(credential.status_index)
            for purpose, s in lists.items()
        }

    set_status(award, Award.Status.SUSPENDED)
    # The credential's one entry (validity, purpose revocation) says "not valid now"; a
    # Bitstring Status List verifier cannot tell a suspension from a revocation (ADR 0008).
    assert [p.code for p in _verify(json.loads(credential.ob3_json)).problems] == ["revoked"]
    assert bits() == {"validity": True, "suspension": True, "revocation": False}
    set_status(award, Award.Status.ACTIVE)
    assert _verify(json.loads(credential.ob3_json)).verified
    assert bits() == {"validity": False, "suspension": False, "revocation": False}


def test_an_award_revoked_before_issuing_is_issued_revoked(award: Award) -> None:
    Award.objects.filter(pk=award.pk).update(status=Award.Status.REVOKED)
    credential = services.credential_status_sync(award=award)
    assert credential is not None
    assert [p.code for p in _verify(json.loads(credential.ob3_json)).problems] == ["revoked"]


def test_rotation_keeps_old_credentials_verifiable(
    learner: User, outsider: User, issuer: Issuer, issuer_admin: User
) -> None:
    from tests import factories

    old = services.credential_issue(
        award=make_award(recipient=learner, badge=factories.make_badge(issuer=issuer))
    )
    new_key = services.issuer_key_rotate(issuer=issuer, actor=issuer_admin)
    new = services.credential_issue(
        award=make_award(recipient=outsider, badge=factories.make_badge(issuer=issuer))
    )
    assert new_key.fragment == "key-2"
    assert json.loads(new.ob3_json)["proof"]["verificationMethod"].endswith("#key-2")
    assert json.loads(old.ob3_json)["proof"]["verificationMethod"].endswith("#key-1")
    assert _verify(json.loads(old.ob3_json)).verified
    assert _verify(json.loads(new.ob3_json)).verified
    document = selectors.did_document(issuer)
    assert [m["id"].rsplit("#")[1] for m in document["verificationMethod"]] == ["key-2", "key-1"]
    status = json.loads(StatusList.objects.get(issuer=issuer, purpose="revocation").signed_json)
    assert status["proof"]["verificationMethod"].endswith("#key-2")
    assert AuditEvent.objects.filter(action="credentials:issuer_key:rotate").count() == 1


def test_the_stored_seed_is_encrypted_and_bound_to_its_row(award: Award, settings: Any) -> None:
    from rosette.credentials.errors import KeyDecryptionError

    services.credential_issue(award=award)
    key = IssuerKey.objects.get()
    assert len(bytes(key.encrypted_seed)) == 80
    settings.CREDENTIAL_KEK = "another-key-encryption-key-of-32-bytes-or-more"
    with pytest.raises(KeyDecryptionError):
        services._unlock(key)


def test_rotating_from_the_page_asks_the_admin_to_sign_in_again(
    client: SignInClient, issuer: Issuer, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    url = reverse("credentials:issuer_keys", kwargs={"slug": issuer.slug})
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    assert not IssuerKey.objects.exists()
    client.reauthenticate(issuer_admin)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "key-1" in response.content.decode()
    assert IssuerKey.objects.filter(issuer=issuer, status="active").count() == 1


def test_only_the_issuers_own_admins_see_its_keys(
    client: Client, issuer: Issuer, outsider: User
) -> None:
    from tests import factories

    other_admin = factories.make_staff(factories.make_issuer(), "admin")
    client.force_login(other_admin)
    assert client.get(f"/issuers/{issuer.slug}/keys/").status_code == 404
    client.force_login(outsider)
    assert client.get(f"/issuers/{issuer.slug}/keys/").status_code == 403


def test_credentials_point_to_the_award_page_for_their_evidence(
    client: Client, learner: User
) -> None:
    from rosette.credentials.services import credential_issue
    from rosette.credentials.tests.django_helpers import make_award

    credential = credential_issue(award=make_award(recipient=learner))
    code = credential.award.code
    ob3 = client.get(f"/credentials/{code}.json").json()
    ob2 = client.get(f"/ob2/assertions/{code}.json").json()
    page = f"http://127.0.0.1:8000/awards/{code}/"
    assert [e["id"] for e in ob3["evidence"]] == [page]
    assert "Evidence" in ob3["evidence"][0]["type"]
    assert [e["id"] for e in ob2["evidence"]] == [page]
