"""The rest of issue 14's authoring list, through the workspace's pages as served: the rubric
and pass mark, decline reasons, retiring a badge, no deadline field on any page or model
(rule 12), and the reports' date range."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.assessment import services as assessment
from rosette.assessment.models import DeclineReason, Rubric
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Badge, Issuer

from .conftest import Decide
from .test_authoring_views import (
    PDF,
    author_badge,
    signed_in,
    url,
    write_questions,
    write_requirements,
)

pytestmark = pytest.mark.django_db


def _authored(client: Client, issuer: Issuer, admin: User) -> Badge:
    signed_in(client, admin)
    badge = author_badge(client, issuer)
    assert write_requirements(client, badge, 1).status_code == 302
    questions = [("Three things you learned", 150), ("Keeping secure", 50)]
    assert write_questions(client, badge, 1, questions).status_code == 302
    return badge


def test_the_rubric_and_pass_mark_are_set_on_the_draft_and_fixed_once_published(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    badge = _authored(client, issuer, issuer_admin)
    version = badge.versions.get()
    rubric_url = url("workspace:version_rubric", badge, number=1)
    page = client.get(rubric_url).content.decode()
    assert "Pass mark" in page and "Three things you learned" in page
    rubric = assessment.rubric_ensure(version=version)
    ids = [qr.question_id for qr in assessment.question_rubrics(rubric)]

    too_high = client.post(rubric_url, {"pass_mark": 99, "every_question_met": "on"})
    assert too_high.status_code == 400
    assert "The pass mark must be between 1 and" in too_high.content.decode()

    response = client.post(
        rubric_url,
        {"pass_mark": 3, **{f"criteria-{q}": f"Looks for {q}" for q in ids}},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rubric = Rubric.objects.get(version=version)
    assert (rubric.pass_mark, rubric.every_question_met) == (3, False)
    assert [qr.criteria for qr in assessment.question_rubrics(rubric)] == [
        f"Looks for {q}" for q in ids
    ]

    assert client.post(url("workspace:version_publish", badge, number=1)).status_code == 302
    refused = client.post(rubric_url, {"pass_mark": 1})
    assert refused.status_code == 409
    assert Rubric.objects.get(version=version).pass_mark == 3


def test_decline_reasons_are_added_and_retired_from_the_workspace(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    signed_in(client, issuer_admin)
    reasons_url = reverse("workspace:decline_reasons", kwargs={"slug": issuer.slug})
    assert "Not the learner" in client.get(reasons_url).content.decode()  # the defaults
    response = client.post(reasons_url, {"label": "Evidence for a different badge"})
    assert response.status_code == 302
    added = DeclineReason.objects.get(issuer=issuer, label="Evidence for a different badge")
    assert "Evidence for a different badge" in client.get(reasons_url).content.decode()

    retire_url = reverse(
        "workspace:decline_reason_retire", kwargs={"slug": issuer.slug, "reason": added.slug}
    )
    assert client.get(retire_url).status_code == 405  # a change is a POST
    assert client.post(retire_url).status_code == 302
    added.refresh_from_db()
    assert added.active is False
    assert added not in assessment.decline_reasons_ensure(issuer=issuer)


def test_retiring_a_badge_takes_it_out_of_the_catalogue_and_refuses_new_applications(
    client: Client, issuer: Issuer, issuer_admin: User, learner: User
) -> None:
    badge = _authored(client, issuer, issuer_admin)
    assert client.post(url("workspace:version_publish", badge, number=1)).status_code == 302
    in_flight = applications.application_start(learner=learner, badge=badge)
    assert badge.get_absolute_url() in client.get(reverse("catalogue:badge_list")).content.decode()
    retire = url("workspace:badge_retire", badge)
    assert "Retire" in client.get(retire).content.decode()
    assert client.post(retire).status_code == 302
    badge.refresh_from_db()
    assert badge.status == Badge.Status.ARCHIVED
    catalogue_page = client.get(reverse("catalogue:badge_list")).content.decode()
    assert badge.get_absolute_url() not in catalogue_page
    with pytest.raises(applications.ApplicationError):
        applications.application_start(learner=issuer_admin, badge=badge)
    in_flight.refresh_from_db()
    assert in_flight.status == "draft"  # what was started is untouched


def test_no_deadline_field_on_any_workspace_page_or_badge_model(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    """Rule 12: nothing in Rosette asks for, or stores, a learner's deadline."""
    badge = _authored(client, issuer, issuer_admin)
    slug = {"slug": issuer.slug}
    pages = [
        reverse(name, kwargs=slug)
        for name in ("workspace:issuer", "workspace:badges", "workspace:badge_new",
                     "workspace:decline_reasons", "workspace:issuer_profile",
                     "workspace_people:people", "workspace_reports:reports",
                     "workspace_audit:audit", "assessment:settings")
    ] + [
        url(name, badge)
        for name in ("workspace:badge", "workspace:badge_details", "workspace:badge_prerequisites",
                     "workspace:badge_pathway", "workspace:badge_materials",
                     "workspace:badge_endorsement", "workspace:badge_retire")
    ] + [
        url(name, badge, number=1)
        for name in ("workspace:version_requirements", "workspace:version_questions",
                     "workspace:version_rubric", "workspace:version_preview",
                     "workspace:version_publish")
    ]  # fmt: skip
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        text = response.content.decode().lower()
        assert "deadline" not in text and "closing date" not in text, page
    for label in ("catalogue", "applications", "awards", "assessment"):
        for model in apps.get_app_config(label).get_models():
            names = [f.name for f in model._meta.get_fields()]
            assert not [n for n in names if "deadline" in n or "closes" in n], model


def test_the_reports_keep_to_the_date_range_chosen(
    client: Client, issuer: Issuer, issuer_admin: User, decide: Decide
) -> None:
    decide("award")
    client.force_login(issuer_admin)
    csv_url = reverse("workspace_reports:report_csv", kwargs={"slug": issuer.slug, "key": "awards"})
    today = timezone.localdate()
    now = {"start": f"{today - timedelta(days=7):%Y-%m-%d}", "end": f"{today:%Y-%m-%d}"}
    before = {"start": f"{today - timedelta(days=400):%Y-%m-%d}",
              "end": f"{today - timedelta(days=300):%Y-%m-%d}"}  # fmt: skip
    assert "Video chats" in client.get(csv_url, now).content.decode("utf-8-sig")
    assert "Video chats" not in client.get(csv_url, before).content.decode("utf-8-sig")
    reports_url = reverse("workspace_reports:reports", kwargs={"slug": issuer.slug})

    def awards_shown(period: dict[str, str]) -> str:
        page = client.get(reports_url, period).content.decode()
        return page.split('id="report-awards"', 1)[1].split("</section>", 1)[0]

    assert "Video chats" in awards_shown(now)
    assert "Video chats" not in awards_shown(before)


def test_the_evidence_types_chosen_in_the_workspace_are_all_the_learner_is_offered(
    client: Client, issuer: Issuer, issuer_admin: User, learner: User
) -> None:
    badge = _authored(client, issuer, issuer_admin)
    files_alone = write_requirements(client, badge, 1, evidence_types=["files"])
    assert files_alone.status_code == 400
    assert "files alone are not a statement" in files_alone.content.decode()
    assert write_requirements(client, badge, 1, evidence_types=["text"]).status_code == 302
    version = badge.versions.get()
    assert (version.allow_text, version.allow_link, version.allow_media, version.allow_files) == (
        True, False, False, False,
    )  # fmt: skip
    assert client.post(url("workspace:version_publish", badge, number=1)).status_code == 302
    assert "audio or video" not in client.get(badge.get_absolute_url()).content.decode()
    application = applications.application_start(learner=learner, badge=badge)
    signed_in(client, learner)
    edit = client.get(reverse("applications:edit", kwargs={"public_id": application.public_id}))
    text = edit.content.decode()
    assert 'name="text-' in text
    assert 'name="link-' not in text and 'name="media-' not in text
    assert 'name="attachment"' not in text


def _what_a_learner_reads(html: str) -> str:
    """The badge page's main column up to where one applies, with the addresses of the image
    and the files (the preview serves them from the workspace) left out."""
    main = html.split("<main", 1)[1].split('<h2 id="apply">', 1)[0]
    main = re.sub(r'<div class="[^"]*rosette-preview-banner">.*?</div></div>', "", main, flags=re.S)
    main = re.sub(r'(src|href)="[^"]*/(image|materials/[^"]*)"', r'\1="…"', main)
    return re.sub(r"\s+", " ", main).strip()


def test_the_preview_is_the_page_learners_see_once_published(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    badge = _authored(client, issuer, issuer_admin)
    catalogue.material_add(
        badge=badge, actor=None, title="Video chats handout", filename="h.pdf", content=PDF
    )
    preview = client.get(url("workspace:version_preview", badge, number=1)).content.decode()
    assert client.post(url("workspace:version_publish", badge, number=1)).status_code == 302
    client.logout()
    public = client.get(badge.get_absolute_url()).content.decode()
    read = _what_a_learner_reads(public)
    assert "Three things you learned" in read and "Video chats handout" in read
    assert _what_a_learner_reads(preview) == read
