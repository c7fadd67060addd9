"""Badge authoring through the workspace's pages, as an issuer admin would (C12)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import Badge, BadgeVersion, Issuer, IssuerStaff
from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#0065bd").save(buffer, format="PNG")
    return buffer.getvalue()


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def author_badge(client: Client, issuer: Issuer, **extra: Any) -> Badge:
    response = client.post(
        reverse("workspace:badge_new", kwargs={"slug": issuer.slug}),
        {"name": "OSS Video chats", "kind": "standard", "summary": "Secure video chats.",
         "new_category": "Digital skills", **extra},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    return Badge.objects.get(issuer=issuer, name="OSS Video chats")


def url(name: str, badge: Badge, **kwargs: Any) -> str:
    return reverse(name, kwargs={"slug": badge.issuer.slug, "badge": badge.slug, **kwargs})


def write_requirements(client: Client, badge: Badge, number: int, **extra: Any) -> Any:
    return client.post(
        url("workspace:version_requirements", badge, number=number),
        {
            "description": "This badge is awarded to people who demonstrate their understanding.",
            "criteria": "- download and complete the Video chats handout\n- tell us three things",
            "activities": "Download and complete the Video chats handout",
            "discussion_task": "Discuss your handout with your team in a team meeting.",
            "overall_min_words": 200,
            "evidence_types": ["text", "link", "media", "files"],
            "declaration": "",
            "data_sharing": "",
            **extra,
        },
    )


def write_questions(
    client: Client, badge: Badge, number: int, questions: list[tuple[str, int]]
) -> Any:
    data: dict[str, Any] = {"q-TOTAL_FORMS": len(questions) + 1, "q-INITIAL_FORMS": 0,
                            "q-MIN_NUM_FORMS": 0, "q-MAX_NUM_FORMS": 20}  # fmt: skip
    for i, (prompt, words) in enumerate(questions):
        data[f"q-{i}-prompt"] = prompt
        data[f"q-{i}-min_words"] = words
    return client.post(url("workspace:version_questions", badge, number=number), data)


def test_an_admin_creates_writes_previews_and_publishes_a_badge(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    signed_in(client, issuer_admin)
    badge = author_badge(client, issuer, image=SimpleUploadedFile("x.png", png(200, 200)))
    assert badge.status == Badge.Status.DRAFT and badge.image.name.endswith(".png")
    assert write_requirements(client, badge, 1).status_code == 302
    response = write_questions(
        client, badge, 1, [("Three things you learned", 150), ("Keeping secure", 50)]
    )
    assert response.status_code == 302
    preview = client.get(url("workspace:version_preview", badge, number=1))
    text = preview.content.decode()
    assert preview.status_code == 200
    assert "Three things you learned" in text and "(150 words minimum)" in text
    assert "at least 200 words" in text and "Discuss your handout with your team" in text
    assert client.get(badge.get_absolute_url()).status_code == 404  # not public yet
    response = client.post(url("workspace:version_publish", badge, number=1))
    assert response.status_code == 302
    badge.refresh_from_db()
    assert badge.status == Badge.Status.PUBLISHED
    public = client.get(badge.get_absolute_url()).content.decode()
    assert "Three things you learned" in public and "(50 words minimum)" in public


def test_the_hours_of_learning_authored_reach_the_learners_record(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    signed_in(client, issuer_admin)
    badge = author_badge(client, issuer)
    assert write_requirements(client, badge, 1, learning_hours="2.5").status_code == 302
    write_questions(client, badge, 1, [("Three things you learned", 10)])
    assert client.post(url("workspace:version_publish", badge, number=1)).status_code == 302
    learner = factories.make_user()
    factories.give_badge(learner, badge)
    client.force_login(learner)
    record = client.get(reverse("awards:record_csv")).content.decode()
    assert "OSS Video chats" in record and "2.5" in record


def test_publishing_an_incomplete_version_says_what_is_missing(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    signed_in(client, issuer_admin)
    badge = author_badge(client, issuer)
    response = client.post(url("workspace:version_publish", badge, number=1))
    assert response.status_code == 400
    assert "Add at least one evidence question." in response.content.decode()
    assert Badge.objects.get(pk=badge.pk).status == Badge.Status.DRAFT


def test_a_non_square_badge_image_is_refused_beside_the_field(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    signed_in(client, issuer_admin)
    response = client.post(
        reverse("workspace:badge_new", kwargs={"slug": issuer.slug}),
        {"name": "Wide", "kind": "standard", "summary": "A wide one.",
         "image": SimpleUploadedFile("wide.png", png(300, 100))},
    )  # fmt: skip
    assert response.status_code == 400
    assert "A badge image must be square" in response.content.decode()
    assert not Badge.objects.filter(name="Wide").exists()


def test_editing_a_published_badge_makes_a_new_version_and_the_application_in_flight_keeps_its_own(
    client: Client, issuer: Issuer, issuer_admin: User, learner: User
) -> None:
    badge = factories.make_badge(issuer=issuer, questions=[("What did you learn?", 20)])
    application = applications.application_start(learner=learner, badge=badge)
    signed_in(client, issuer_admin)
    assert client.post(url("workspace:version_start", badge)).status_code == 302
    assert (
        write_questions(client, badge, 2, [("What did you learn, and why?", 80)]).status_code == 302
    )
    assert write_requirements(client, badge, 2).status_code == 302
    assert client.post(url("workspace:version_publish", badge, number=2)).status_code == 302
    application.refresh_from_db()
    assert application.version.number == 1
    assert [q.min_words for q in application.version.questions.all()] == [20]
    other = applications.application_start(learner=factories.make_user(), badge=badge)
    assert other.version.number == 2
    # A published version is never edited.
    response = write_requirements(client, badge, 1)
    assert response.status_code == 409
    assert BadgeVersion.objects.get(badge=badge, number=1).overall_min_words == 0


def test_a_pathway_is_authored_by_choosing_its_badges_and_they_say_so(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    parts = [factories.make_badge(issuer=issuer, name=f"Part {n}") for n in range(3)]
    signed_in(client, issuer_admin)
    client.post(
        reverse("workspace:badge_new", kwargs={"slug": issuer.slug}),
        {"name": "Online safety", "kind": "pathway", "summary": "Eight badges."},
    )
    pathway = Badge.objects.get(name="Online safety")
    response = client.post(
        url("workspace:badge_pathway", pathway), {"components": [p.pk for p in parts]}
    )
    assert response.status_code == 302
    write_requirements(client, pathway, 1)
    assert client.post(url("workspace:version_publish", pathway, number=1)).status_code == 302
    page = client.get(parts[0].get_absolute_url()).content.decode()
    assert re.search(r"This is one of three badges that contribute towards the\s*<a", page)


def test_materials_are_files_checked_like_every_upload_or_links(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    signed_in(client, issuer_admin)
    badge = author_badge(client, issuer)
    materials = url("workspace:badge_materials", badge)
    refused = client.post(
        materials,
        {"title": "Script", "file": SimpleUploadedFile("h.pdf", b"#!/bin/sh\nrm -rf /\n")},
    )
    assert refused.status_code == 400 and "The file must be a" in refused.content.decode()
    handout = client.post(
        materials, {"title": "Video chats handout", "file": SimpleUploadedFile("h.pdf", PDF)}
    )
    assert handout.status_code == 302
    guide = client.post(materials, {"title": "Safeguarding guide", "url": "https://example.org/g"})
    assert guide.status_code == 302
    assert [(m.title, m.extension, m.url) for m in badge.materials.all()] == [
        ("Video chats handout", "pdf", ""),
        ("Safeguarding guide", "", "https://example.org/g"),
    ]
    # The preview of the draft links the handout to a download the admin can open.
    write_requirements(client, badge, 1)
    preview = client.get(url("workspace:version_preview", badge, number=1)).content.decode()
    handout_url = re.search(r'href="([^"]+)" download>Video chats handout', preview)
    assert handout_url is not None
    download = client.get(handout_url.group(1))
    assert download.status_code == 200 and download.getvalue() == PDF


def test_the_endorsement_rule_and_prerequisites_are_set_from_the_workspace(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    intro = factories.make_badge(issuer=issuer, name="Getting started")
    signed_in(client, issuer_admin)
    badge = author_badge(client, issuer)
    assert (
        client.post(
            url("workspace:badge_prerequisites", badge), {"prerequisites": [intro.pk]}
        ).status_code
        == 302
    )
    assert list(badge.prerequisites.all()) == [intro]
    response = client.post(
        url("workspace:badge_endorsement", badge), {"required": "yes", "days": 91}
    )
    assert response.status_code == 302
    assert badge.endorsement_rule.days == 91


def test_no_deadline_field_anywhere_in_authoring(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    signed_in(client, issuer_admin)
    badge = author_badge(client, issuer)
    pages = [
        url("workspace:badge_details", badge),
        url("workspace:version_requirements", badge, number=1),
        url("workspace:version_questions", badge, number=1),
        reverse("workspace:badge_new", kwargs={"slug": issuer.slug}),
    ]
    for page in pages:
        assert "deadline" not in client.get(page).content.decode().lower()


# --- who may reach the workspace ---------------------------------------------------------------


def workspace_urls(badge: Badge, material_id: Any) -> list[str]:
    slug = badge.issuer.slug
    return [
        reverse("workspace:issuer", kwargs={"slug": slug}),
        reverse("workspace:badges", kwargs={"slug": slug}),
        reverse("workspace:badge_new", kwargs={"slug": slug}),
        reverse("workspace:decline_reasons", kwargs={"slug": slug}),
        reverse("workspace:decline_reason_retire", kwargs={"slug": slug, "reason": "not_own_work"}),
        reverse("workspace:issuer_profile", kwargs={"slug": slug}),
        url("workspace:badge", badge),
        url("workspace:badge_image", badge),
        url("workspace:badge_details", badge),
        url("workspace:version_start", badge),
        url("workspace:badge_prerequisites", badge),
        url("workspace:badge_pathway", badge),
        url("workspace:badge_materials", badge),
        url("workspace:material_remove", badge, public_id=material_id),
        url("workspace:material_file", badge, public_id=material_id),
        url("workspace:badge_endorsement", badge),
        url("workspace:badge_retire", badge),
        url("workspace:version_requirements", badge, number=1),
        url("workspace:version_questions", badge, number=1),
        url("workspace:version_rubric", badge, number=1),
        url("workspace:version_preview", badge, number=1),
        url("workspace:version_publish", badge, number=1),
    ]


@pytest.fixture
def draft_badge(issuer: Issuer) -> tuple[Badge, Any]:
    from rosette.assessment.services import decline_reasons_ensure
    from rosette.catalogue import services as catalogue

    badge = factories.make_badge(
        issuer=issuer, publish=False, image=("b.svg", rosette_svg("B", "#000000"))
    )
    decline_reasons_ensure(issuer=issuer)
    material = catalogue.material_add(
        badge=badge, actor=None, title="Guide", url="https://example.org/"
    )
    return badge, material.public_id


@pytest.mark.parametrize("persona", ["outsider", "learner", "assessor"])
def test_people_who_are_not_issuer_admins_are_refused_on_get_and_post(
    client: Client, draft_badge: tuple[Badge, Any], persona: str, request: pytest.FixtureRequest
) -> None:
    badge, material_id = draft_badge
    signed_in(client, request.getfixturevalue(persona))
    for address in workspace_urls(badge, material_id):
        assert client.get(address).status_code in (403, 405), address
        assert client.post(address, {"name": "Taken over"}).status_code == 403, address
    assert Badge.objects.get(pk=badge.pk).name != "Taken over"
    assert badge.materials.count() == 1


def test_an_admin_of_another_issuer_gets_404_on_get_and_post(
    client: Client, draft_badge: tuple[Badge, Any]
) -> None:
    badge, material_id = draft_badge
    other = factories.make_staff(factories.make_issuer(), IssuerStaff.Role.ADMIN)
    signed_in(client, other)
    for address in workspace_urls(badge, material_id):
        assert client.get(address).status_code in (404, 405), address
        assert client.post(address, {"name": "Taken over"}).status_code == 404, address
    badge.refresh_from_db()
    assert badge.name != "Taken over" and badge.status == Badge.Status.DRAFT
    assert badge.materials.count() == 1 and not badge.versions.filter(number=2).exists()


def test_anonymous_visitors_are_sent_to_sign_in(
    client: Client, draft_badge: tuple[Badge, Any]
) -> None:
    badge, material_id = draft_badge
    for address in workspace_urls(badge, material_id):
        response = client.post(address)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- cost -------------------------------------------------------------------------------------


def test_the_badge_list_costs_the_same_queries_for_10_or_40_badges(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    signed_in(client, issuer_admin)
    address = reverse("workspace:badges", kwargs={"slug": issuer.slug})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    for _ in range(10):
        factories.make_badge(issuer=issuer)
    ten = queries()
    for _ in range(30):
        factories.make_badge(issuer=issuer, publish=False)
    assert queries() == ten


def test_the_evidence_form_offers_only_the_evidence_types_the_version_accepts(
    client: Client, issuer: Issuer, learner: User
) -> None:
    from rosette.catalogue import services as catalogue

    badge = factories.make_badge(issuer=issuer, publish=False, questions=[("What?", 10)])
    version = badge.versions.get()
    catalogue.badge_version_edit(
        version=version, actor=None, allow_text=False, allow_files=False, allow_media=False
    )
    catalogue.badge_version_publish(version=version, actor=None)
    application = applications.application_start(learner=learner, badge=badge)
    signed_in(client, learner)
    page = client.get(reverse("applications:edit", kwargs={"public_id": application.public_id}))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'name="link-' in text
    assert 'name="text-' not in text and 'name="media-' not in text
    assert 'name="attachment"' not in text
    with pytest.raises(applications.ApplicationError, match="does not accept attached files"):
        applications.attachment_add(
            application=application, actor=learner, title="x", upload=io.BytesIO(PDF)
        )


def test_an_admin_of_two_issuers_chooses_one_and_an_admin_of_one_goes_straight_in(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    signed_in(client, issuer_admin)
    response = client.get(reverse("workspace:index"))
    assert response["Location"] == reverse("workspace:issuer", kwargs={"slug": issuer.slug})
    second = factories.make_issuer(name="Northern Care Academy")
    from rosette.catalogue import services as catalogue

    catalogue.issuer_staff_add(
        issuer=second, user=issuer_admin, role=IssuerStaff.Role.ADMIN, actor=None
    )
    page = client.get(reverse("workspace:index")).content.decode()
    assert issuer.name in page and "Northern Care Academy" in page
    landing = client.get(reverse("workspace:issuer", kwargs={"slug": second.slug}))
    assert (
        reverse("credentials:issuer_keys", kwargs={"slug": second.slug}) in landing.content.decode()
    )
