"""The audit trail an issuer admin reads: only its own issuer's events, searchable, paged."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from rosette.accounts import services as accounts
from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.catalogue.models import Badge, Issuer
from rosette.core.models import AuditEvent
from tests import factories

from .conftest import Decide

pytestmark = pytest.mark.django_db


def _url(issuer: Issuer) -> str:
    return reverse("workspace_audit:audit", kwargs={"slug": issuer.slug})


def test_the_admin_sees_their_issuers_events_and_not_anothers(
    client: Client, issuer: Issuer, issuer_admin: User, other_admin: User, decide: Decide
) -> None:
    application = decide("award")
    elsewhere = Issuer.objects.get(slug="elsewhere")
    other_badge = factories.make_badge(issuer=elsewhere, name="Someone else's badge")
    theirs = applications.application_start(learner=factories.make_user(), badge=other_badge)
    client.force_login(issuer_admin)
    page = client.get(_url(issuer)).content.decode()
    assert application.reference in page
    assert "assessment:decision:award" in page or "awards:award:create" in page
    assert theirs.reference not in page
    assert "Someone else" not in page


def test_the_learners_own_conversations_with_their_manager_never_show(
    client: Client, issuer: Issuer, issuer_admin: User, badge: Badge, learner: User
) -> None:
    from rosette.applications import review

    application = applications.application_start(learner=learner, badge=badge)
    review.review_invite(application=application, actor=learner, email="boss@example.org")
    assert AuditEvent.objects.filter(action="applications:review:invite").exists()
    client.force_login(issuer_admin)
    assert "applications:review:invite" not in client.get(_url(issuer)).content.decode()


def test_search_by_person_object_and_date(
    client: Client, issuer: Issuer, issuer_admin: User, decide: Decide
) -> None:
    first = decide("award")
    second = decide("return")
    accounts.staff_invite(issuer=issuer, actor=issuer_admin, email="n@example.org", role="admin")
    client.force_login(issuer_admin)
    by_object = client.get(_url(issuer), {"subject": first.reference}).content.decode()
    assert first.reference in by_object and second.reference not in by_object
    by_person = client.get(_url(issuer), {"person": "Iain"}).content.decode()
    assert "accounts:staff_invitation:send" in by_person
    assert "assessment:claim:take" not in by_person  # the assessor's, not the admin's
    by_kind = client.get(_url(issuer), {"kind": "invitation"}).content.decode()
    assert "accounts:staff_invitation:send" in by_kind and first.reference not in by_kind
    long_ago = client.get(_url(issuer), {"start": "2000-01-01", "end": "2000-12-31"})
    assert "No events match." in long_ago.content.decode()


def test_the_audit_page_query_count_is_flat(
    client: Client,
    issuer: Issuer,
    issuer_admin: User,
    decide: Decide,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    """The session, user, roles and issuer; the count and the page of events; then one query
    to name the objects on the page, however many events of however many kinds."""
    decide("award")
    client.force_login(issuer_admin)
    client.get(_url(issuer))
    with django_assert_max_num_queries(14):
        client.get(_url(issuer))
    for outcome in ["award", "return", "decline"] * 20:
        decide(outcome, reason="not_own_work")
    with django_assert_max_num_queries(14):
        response = client.get(_url(issuer), {"page": 2})
    assert "Page 2" in response.content.decode() or "page=1" in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "learner", "manager", "assessor", "other_admin"])
def test_only_the_issuers_admins_read_its_audit_trail(
    client: Client, request: pytest.FixtureRequest, persona: str, issuer: Issuer
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(issuer)).status_code in (403, 404)
    assert client.post(_url(issuer)).status_code in (403, 404)
