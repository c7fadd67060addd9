"""Query counts pinned on the workspace's list and report pages: the same with 10 applications
as with 10,000 (issue 14). The first few applications are made through the services (so every
kind of row a page reads exists, moderation and the privacy rule's decline included); the
volume is then added in bulk, rows as the services leave them, since 10,000 service calls would
take many minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rosette.accounts.models import User
from rosette.applications.models import Application, Attempt
from rosette.applications.services import IDENTIFIES_INDIVIDUALS
from rosette.assessment import services as assessment
from rosette.assessment.models import Decision, DeclineReason, Moderation
from rosette.assessment.reports import REPORTS
from rosette.assessment.tests.conftest import submit
from rosette.awards.models import Award
from rosette.catalogue.models import Badge, Issuer
from rosette.core.models import AuditEvent
from tests import factories

from .conftest import Decide

pytestmark = pytest.mark.django_db

BATCH = 2_000


def add_history(*, issuer: Issuer, badge: Badge, assessor: User, admin: User, n: int) -> None:
    """``n`` more applications for the badge, each from a learner of its own, in turn awarded,
    declined by the assessor, returned, waiting, in draft, and declined by the privacy rule;
    their attempts and decisions, a moderation done of one decision in ten and one waiting of
    another, the awards and an audit event each: written in bulk."""
    version = badge.versions.exclude(published_at=None).latest("number")
    reason = DeclineReason.objects.get(issuer=issuer, slug="not_own_work")
    now = timezone.now()
    submitted, due = now - timedelta(days=5), now + timedelta(days=23)
    start = User.objects.count()
    for offset in range(0, n, BATCH):
        size = min(BATCH, n - offset)
        learners = User.objects.bulk_create(
            User(email=f"volume{start + offset + i}@example.org", name=f"Learner {i}")
            for i in range(size)
        )
        kinds = [(offset + i) % 6 for i in range(size)]
        status = {
            0: Application.Status.AWARDED,
            1: Application.Status.DECLINED,
            2: Application.Status.RETURNED,
            3: Application.Status.SUBMITTED,
            4: Application.Status.DRAFT,
            5: Application.Status.DECLINED,
        }
        applications = Application.objects.bulk_create(
            Application(
                learner=learner,
                badge=badge,
                version=version,
                status=status[kind],
                submitted_at=None if kind == 4 else submitted,
                due_at=None if kind == 4 else due,
                decided_at=now if kind in (0, 1, 2, 5) else None,
                decline_reason={1: reason.slug, 5: IDENTIFIES_INDIVIDUALS}.get(kind, ""),
            )
            for learner, kind in zip(learners, kinds, strict=True)
        )
        attempts = Attempt.objects.bulk_create(
            Attempt(
                application=application,
                number=1,
                submitted_at=application.submitted_at,
                due_at=application.due_at,
            )
            for application in applications
        )
        outcome = {
            0: Decision.Outcome.AWARD,
            1: Decision.Outcome.DECLINE,
            2: Decision.Outcome.RETURN,
        }
        decisions = Decision.objects.bulk_create(
            Decision(
                application=application,
                attempt=attempt,
                issuer=issuer,
                assessor=assessor,
                outcome=outcome[kind],
                reason=reason if kind == 1 else None,
                submitted_at=submitted,
                due_at=due,
                created_at=now,
            )
            for application, attempt, kind in zip(applications, attempts, kinds, strict=True)
            if kind in outcome
        )
        Moderation.objects.bulk_create(
            Moderation(
                decision=decision,
                issuer=issuer,
                moderator=admin,
                outcome=Moderation.Outcome.AGREE,
                done_at=now,
            )
            for decision in decisions[::10]
        )
        Moderation.objects.bulk_create(  # waiting for a second opinion
            Moderation(decision=decision, issuer=issuer, moderator=None)
            for decision in decisions[5::10]
        )
        Award.objects.bulk_create(
            Award(recipient=a.learner, badge=badge, application=a, awarded_at=now)
            for a in applications
            if a.status == Application.Status.AWARDED
        )
        AuditEvent.objects.bulk_create(
            AuditEvent(
                action="applications:application:submit",
                actor=a.learner,
                subject_type=a._meta.label_lower,
                subject_id=str(a.pk),
            )
            for a in applications
        )


def _pages(issuer: Issuer, badge: Badge) -> dict[str, str]:
    slug = {"slug": issuer.slug}
    audit = reverse("workspace_audit:audit", kwargs=slug)
    pages = {
        "workspace": reverse("workspace:issuer", kwargs=slug),
        "badge list": reverse("workspace:badges", kwargs=slug),
        "badge": reverse("workspace:badge", kwargs={**slug, "badge": badge.slug}),
        "people": reverse("workspace_people:people", kwargs=slug),
        "reports": reverse("workspace_reports:reports", kwargs=slug),
        "reports of one badge": reverse("workspace_reports:reports", kwargs=slug)
        + f"?badge={badge.pk}",
        "audit": audit,
        "audit page 2": audit + "?page=2",
        "audit by person": audit + "?person=Learner",
        "audit by object": audit + "?kind=application&subject=A",
        "audit by date": audit + f"?start={timezone.localdate():%Y-%m-%d}",
        "assessment queue": reverse("assessment:queue", kwargs=slug),
        "moderation list": reverse("assessment:moderation_list"),
        "service levels": reverse("assessment:service_levels", kwargs=slug),
        "awards": reverse("awards:issuer_awards", kwargs=slug),
        "awards held": reverse("awards:issuer_awards", kwargs=slug) + "?status=active",
    }
    for key in REPORTS:
        pages[f"{key}.csv"] = reverse("workspace_reports:report_csv", kwargs={**slug, "key": key})
    return pages


def _queries(client: Client, pages: dict[str, str]) -> dict[str, int]:
    """Each page's query count. Speed is a benchmark's business, never a timed test's (a
    wall-clock bound here failed once on a loaded PostgreSQL)."""
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(captured.captured_queries)
    return counts


def test_list_and_report_pages_cost_the_same_queries_for_10_or_10000_applications(
    client: Client,
    issuer: Issuer,
    issuer_admin: User,
    assessor: User,
    badge: Badge,
    decide: Decide,
) -> None:
    for outcome in ("award", "return", "decline"):
        decide(outcome, reason="not_own_work")
    held = submit(factories.make_user(), badge)
    assert assessment.claim_next(issuer=issuer, assessor=assessor) == held
    Issuer.objects.filter(pk=issuer.pk).update(privacy_policy=Issuer.PrivacyPolicy.DECLINE)
    badge.refresh_from_db()
    privacy = submit(
        factories.make_user(), badge, text="I spoke to Mrs Jean Smith at 12 High St " * 3
    )
    assert privacy.status == Application.Status.DECLINED
    add_history(issuer=issuer, badge=badge, assessor=assessor, admin=issuer_admin, n=5)
    assert Application.objects.count() == 10

    client.force_login(issuer_admin)
    pages = _pages(issuer, badge)
    _queries(client, pages)  # the session warmed
    few = _queries(client, pages)

    add_history(issuer=issuer, badge=badge, assessor=assessor, admin=issuer_admin, n=9_990)
    assert Application.objects.count() == 10_000
    many = _queries(client, pages)
    assert many == few
