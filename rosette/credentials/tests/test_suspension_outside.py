"""A suspended award is never "current" to anyone who checks it: OB 2.0 (which knows only
revocation) and OB 3.0, on our verify page and in the documents we host (ADR 0008)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.awards.services import award_create, award_status_change
from rosette.catalogue.models import Issuer
from tests import factories

pytestmark = pytest.mark.django_db

GENUINE = "Genuine: this badge is genuine and current"
SUSPENDED = "Suspended: the issuer has suspended this badge for now"
REVOKED = "Revoked: the issuer has taken this badge back"


@pytest.fixture
def award(learner: User, issuer: Issuer, django_capture_on_commit_callbacks: Any) -> Award:
    with django_capture_on_commit_callbacks(execute=True):
        return award_create(
            recipient=learner, badge=factories.make_badge(issuer=issuer), actor=None
        )


def verify_url(client: Client, url: str) -> str:
    response = client.post("/verify/", {"url": url})
    assert response.status_code == 200
    return response.content.decode()


def test_the_hosted_ob2_assertion_of_a_suspended_award_says_it_is_not_current(
    client: Client, award: Award, issuer_admin: User
) -> None:
    path = f"/ob2/assertions/{award.code}.json"
    assert client.get(path).json()["type"] == "Assertion"
    award_status_change(award=award, actor=issuer_admin, action="suspend", reason="Under review")
    hosted = client.get(path).json()
    # OB 2.0 has only revocation: a suspended assertion is served as revoked, saying why.
    assert hosted["revoked"] is True
    assert hosted["revocationReason"].startswith("Suspended")
    assert "Under review" in hosted["revocationReason"]
    assert "recipient" not in hosted and "badge" not in hosted
    revocations = client.get(f"/ob2/issuers/{award.badge.issuer.slug}/revocations.json").json()
    assert [r["id"] for r in revocations["revokedAssertions"]] == [settings.SITE_URL + path]

    award_status_change(award=award, actor=issuer_admin, action="restore", reason="")
    restored = client.get(path).json()
    assert restored["type"] == "Assertion" and "revoked" not in restored
    revocations = client.get(f"/ob2/issuers/{award.badge.issuer.slug}/revocations.json").json()
    assert revocations["revokedAssertions"] == []


@pytest.mark.parametrize("document", ["ob2/assertions/{code}.json", "credentials/{code}.json"])
def test_the_verify_page_says_suspended_then_current_then_revoked(
    client: Client, award: Award, issuer_admin: User, document: str
) -> None:
    url = f"{settings.SITE_URL}/{document.format(code=award.code)}"
    assert GENUINE in verify_url(client, url)
    award_status_change(award=award, actor=issuer_admin, action="suspend", reason="Under review")
    page = verify_url(client, url)
    assert SUSPENDED in page and GENUINE not in page
    award_status_change(award=award, actor=issuer_admin, action="restore", reason="")
    assert GENUINE in verify_url(client, url)
    award_status_change(award=award, actor=issuer_admin, action="revoke", reason="Copied")
    assert REVOKED in verify_url(client, url)


def test_a_suspended_ob3_file_checks_as_suspended(
    client: Client, award: Award, issuer_admin: User
) -> None:
    download = client.get(f"/credentials/{award.code}.json").content
    award_status_change(award=award, actor=issuer_admin, action="suspend", reason="Under review")
    upload = SimpleUploadedFile("credential.json", download)
    page = client.post("/verify/", {"file": upload}).content.decode()
    assert SUSPENDED in page
