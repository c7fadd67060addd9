"""Reports: the figures (through the services), the page and its CSV as served, the query
count, and who may see them."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.assessment import reports
from rosette.assessment.models import Moderation
from rosette.assessment.tests.conftest import submit
from rosette.catalogue.models import Badge, Issuer
from tests import factories

from .conftest import Decide

pytestmark = pytest.mark.django_db


def _filter(issuer: Issuer, badge: Badge | None = None) -> reports.ReportFilter:
    today = timezone.localdate()
    return reports.ReportFilter(
        issuer=issuer, start=today - timedelta(days=60), end=today, badge=badge
    )


def _csv(response: object) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(text)))


def test_time_to_decision_gives_the_median_and_90th_percentile(
    issuer: Issuer, decide: Decide
) -> None:
    for days in (1, 2, 3, 4, 5, 6, 7, 8, 9, 30):
        decide("award", days=days)
    report = reports.time_to_decision(_filter(issuer))
    assert dict(report.summary) == {"Median": "5 days", "90th percentile": "9 days"}
    assert report.rows[0] == ["0 to 7 days", 7]
    assert report.rows[-1] == ["More than 28 days", 1]


def test_compliance_and_first_time_pass(issuer: Issuer, decide: Decide) -> None:
    decide("award", days=3)
    decide("award", days=40)  # decided after its 28 days
    returned = decide("return", days=2)
    report = reports.compliance(_filter(issuer))
    assert dict(report.summary) == {"Over the period": "67%"}
    passing = reports.first_time_pass(_filter(issuer))
    assert dict(passing.summary) == {"Over the period": "67%"}
    assert returned.status == "returned"


def test_privacy_declines_are_shown_apart_from_the_assessors(
    issuer: Issuer, badge: Badge, decide: Decide
) -> None:
    decide("decline", reason="not_own_work")
    decide("return")
    Issuer.objects.filter(pk=issuer.pk).update(privacy_policy=Issuer.PrivacyPolicy.DECLINE)
    badge.refresh_from_db()
    declined = submit(
        factories.make_user(), badge, text="I spoke to Mrs Jean Smith at 12 High Street " * 3
    )
    assert declined.status == "declined"
    rows = reports.returns_and_declines(_filter(issuer)).rows
    assert rows == [
        ["Returned for more evidence", "", 1],
        ["Declined by an assessor", "Not the learner's own work", 1],
        ["Declined by the privacy rule", "Could identify someone", 1],
    ]


def test_the_badge_filter_keeps_to_that_badge(issuer: Issuer, badge: Badge, decide: Decide) -> None:
    decide("award")
    other = factories.make_badge(issuer=issuer, questions=[("What?", 0)])
    assert reports.compliance(_filter(issuer, other)).summary == [("Over the period", "–")]
    assert reports.compliance(_filter(issuer, badge)).summary == [("Over the period", "100%")]


def test_moderation_agreement(
    issuer: Issuer, issuer_admin: User, assessor: User, decide: Decide
) -> None:
    from rosette.assessment import services

    services.assessment_settings_update(
        issuer=issuer,
        actor=issuer_admin,
        claim_minutes=240,
        moderation_percent=100,
        reminder_days_left=7,
    )
    decide("award")
    decide("award")
    first, second = Moderation.objects.all()
    services.moderation_record(moderation=first, actor=issuer_admin, outcome="agree", note="")
    services.moderation_record(
        moderation=second, actor=issuer_admin, outcome="disagree", note="Thin on question 2."
    )
    report = reports.moderation_agreement(_filter(issuer))
    assert report.rows[0] == ["Award", 2, 1, 1, "50%"]


def _reports_url(issuer: Issuer) -> str:
    return reverse("workspace_reports:reports", kwargs={"slug": issuer.slug})


def test_the_reports_page_shows_each_chart_beside_its_table_and_a_csv_link(
    client: Client, issuer: Issuer, issuer_admin: User, decide: Decide
) -> None:
    decide("award")
    client.force_login(issuer_admin)
    page = client.get(_reports_url(issuer)).content.decode()
    for key in reports.REPORTS:
        assert f'id="report-{key}"' in page
        assert f"/reports/{key}.csv" in page
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.count('role="img"') == len(reports.REPORTS)
    assert '<title id="chart-awards-title">' in page
    assert "<script" not in main


def test_the_awards_csv_shows_the_award(
    client: Client, issuer: Issuer, issuer_admin: User, decide: Decide
) -> None:
    decide("award")
    client.force_login(issuer_admin)
    url = reverse("workspace_reports:report_csv", kwargs={"slug": issuer.slug, "key": "awards"})
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert _csv(response) == [
        ["Badge", "Kind", "Awarded", "Held now"],
        ["Video chats", "Badge", "1", "1"],
    ]


def test_a_csv_cell_that_looks_like_a_formula_is_defused(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    badge = factories.make_badge(issuer=issuer, name="=HYPERLINK(1)")
    factories.give_badge(factories.make_user(), badge)
    client.force_login(issuer_admin)
    url = reverse("workspace_reports:report_csv", kwargs={"slug": issuer.slug, "key": "awards"})
    assert _csv(client.get(url))[1][0] == "'=HYPERLINK(1)"


def test_a_bad_date_range_is_explained_and_the_default_shown(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    response = client.get(_reports_url(issuer), {"start": "2026-05-01", "end": "2026-01-01"})
    assert response.status_code == 200
    assert "The first day must be before the last day" in response.content.decode()


def test_the_reports_page_query_count_is_flat(
    client: Client,
    issuer: Issuer,
    issuer_admin: User,
    decide: Decide,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    """Seven reports, one query each; the rest is the session, the user, the roles, the
    issuer and the badges of the filter."""
    client.force_login(issuer_admin)
    decide("award")
    client.get(_reports_url(issuer))
    with django_assert_num_queries(13) as few:
        client.get(_reports_url(issuer))
    for n in range(12):
        decide(["award", "return", "decline"][n % 3], days=n + 1, reason="not_own_work")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(_reports_url(issuer))


@pytest.mark.parametrize("persona", ["outsider", "learner", "manager", "assessor", "other_admin"])
def test_only_the_issuers_admins_see_its_reports(
    client: Client, request: pytest.FixtureRequest, persona: str, issuer: Issuer
) -> None:
    client.force_login(request.getfixturevalue(persona))
    csv_url = reverse("workspace_reports:report_csv", kwargs={"slug": issuer.slug, "key": "awards"})
    for url in (_reports_url(issuer), csv_url):
        assert client.get(url).status_code in (403, 404)
        assert client.post(url).status_code in (403, 404)


def test_applications_by_state_counts_each_month(issuer: Issuer, badge: Badge) -> None:
    applications.application_start(learner=factories.make_user(), badge=badge)
    submit(factories.make_user(), badge)
    report = reports.applications_by_state(_filter(issuer))
    this_month = timezone.localdate().strftime("%Y-%m")
    row = next(r for r in report.rows if r[0] == this_month)
    columns = list(report.columns)
    assert row[columns.index("Draft")] == 1
    assert row[columns.index("Submitted")] == 1
    assert row[-1] == 2


def test_awards_are_counted_per_badge_and_per_pathway_and_a_badge_shows_its_pathways(
    issuer: Issuer, badge: Badge
) -> None:
    pathway = factories.make_badge(
        issuer=issuer, name="Online safety and security", components=[badge]
    )
    other = factories.make_badge(issuer=issuer, name="OSS Passwords")
    learner = factories.make_user()
    factories.give_badge(learner, badge)
    if not pathway.awards.filter(recipient=learner).exists():  # unless completing awarded it
        factories.give_badge(learner, pathway)
    factories.give_badge(factories.make_user(), other)
    rows = reports.awards_by_badge(_filter(issuer)).rows
    assert sorted(map(list, rows)) == [
        ["OSS Passwords", "Badge", 1, 1],
        ["Online safety and security", "Pathway badge", 1, 1],
        ["Video chats", "Badge", 1, 1],
    ]
    chosen = reports.awards_by_badge(_filter(issuer, badge)).rows
    assert sorted(r[0] for r in chosen) == ["Online safety and security", "Video chats"]
