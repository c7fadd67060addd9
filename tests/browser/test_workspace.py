"""C12 Issuer workspace: an issuer admin, signed in with MFA, writes the "OSS Video chats" badge
from its public page (seeds/000), adds it to its pathway and publishes it; a learner applies
and submits; an assessor awards. Then the admin edits the badge (a new version) while another
application is in flight, and that application keeps its version: the assessor sees which."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import Badge, IssuerStaff
from tests.browser.conftest import axe
from tests.browser.test_assessment import choose, sign_in, sign_out, staff
from tests.browser.test_evidence import LEARNED, SECURE
from tests.factories import give_badge, make_badge, make_issuer, make_user

pytestmark = pytest.mark.django_db(transaction=True)

# The badge's public page (seeds/000_…), as the admin types it.
DESCRIPTION = (
    "This badge is awarded to people who demonstrate their understanding of the appropriate use "
    "of online meeting platforms and how to secure online chats and webinars.\n\n"
    "Video chatting using platforms such as Zoom, Teams, Skype, Facetime and Google Hangouts "
    "across multiple devices is now well established and provides a great way for people to "
    "stay in touch."
)
CRITERIA = (
    "download and complete the Video chats handout\n"
    "tell us about three things you learned from these activities and why this is important to "
    "you and your practice (150 words minimum)\n"
    "tell us what you can do to keep yourself and your organisation secure during video chats "
    "and webinars (50 words minimum)."
)
Q1 = (
    "Tell us about three things you learned from these activities and why this is important "
    "to you and your practice."
)
Q2 = (
    "Tell us what you can do to keep yourself and your organisation secure during video chats "
    "and webinars."
)
DECLARATION = (
    "I confirm that I have read, understood and completed all the activities listed in the "
    "badge criteria and that each question from the criteria is answered in the evidence I have "
    "provided.\n"
    "My evidence has been written or recorded by me and I have not copied it from anywhere or "
    "anyone else.\n"
    "I understand that it will take 28 days for you to assess my application and that feedback "
    "cannot be provided if my application is unsuccessful."
)
DATA_SHARING = (
    "Your evidence, name, and email address will be sent to the organisation who issue this badge"
)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def world() -> dict[str, Any]:
    issuer = make_issuer(name="Scottish Social Services Council", slug="sssc")
    intro = [
        make_badge(issuer=issuer, name="Getting started with Open Badges"),
        make_badge(issuer=issuer, name="Writing evidence for Open Badge applications"),
    ]
    passwords = make_badge(issuer=issuer, name="OSS Passwords")
    pathway = make_badge(
        issuer=issuer, name="Online safety and security", slug="online-safety-and-security",
        components=[passwords],
    )  # fmt: skip
    _admin, admin_secret = staff(issuer, "iain@example.org", "Iain Admin", IssuerStaff.Role.ADMIN)
    _assessor, assessor_secret = staff(issuer, "aileen@example.org", "Aileen Assessor")
    morag = make_user(email="morag@example.org", name="Morag Learner")
    jamie = make_user(email="jamie@example.org", name="Jamie Learner")
    for learner in (morag, jamie):
        for badge in intro:
            give_badge(learner, badge)
    return {"issuer": issuer, "pathway": pathway, "admin_secret": admin_secret,
            "assessor_secret": assessor_secret, "morag": morag, "jamie": jamie}  # fmt: skip


def open_section(page: Page, name: str | re.Pattern[str]) -> None:
    page.get_by_role("link", name=name).click()
    axe(page)


def save(page: Page, button: str = "Save") -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".ds_notification")).to_be_visible()
    axe(page)


def test_admin_authors_publishes_and_revises_video_chats(
    page: Page, world: dict[str, Any], tmp_path: Any
) -> None:
    # The admin signs in with MFA and opens the workspace.
    sign_in(page, "iain@example.org", world["admin_secret"])
    open_section(page, re.compile("Your issuer workspace"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Scottish Social Services Council")
    open_section(page, "Create a badge")

    image = tmp_path / "video-chats.svg"
    image.write_bytes(rosette_svg("OSS Video chats", "#00703c"))
    page.get_by_label("Name").fill("OSS Video chats")
    page.get_by_label("Summary").fill(
        "Understand the appropriate use of online meeting platforms and how to secure them."
    )
    page.get_by_label("Or a new category").fill("Digital skills")
    page.locator("#id_image").set_input_files(str(image))
    save(page, "Create the badge")
    expect(page.get_by_role("heading", level=1)).to_have_text("OSS Video chats")

    # What a learner must do, as the badge's public page says it.
    open_section(page, re.compile("^Description, criteria"))
    page.get_by_label("Description").fill(DESCRIPTION)
    page.get_by_label("Criteria").fill(CRITERIA)
    page.get_by_label("Activities").fill("Download and complete the Video chats handout")
    page.get_by_label("Discussion task").fill(
        "Share your completed handout with colleagues in a team meeting and agree how you "
        "will apply what you learned."
    )
    page.get_by_label("Minimum words in all").fill("200")
    page.get_by_label("Declaration").fill(DECLARATION)
    page.get_by_label("Data-sharing statement").fill(DATA_SHARING)
    save(page)

    open_section(page, re.compile("^Evidence questions"))
    page.locator("#id_q-0-prompt").fill(Q1)
    page.locator("#id_q-0-min_words").fill("150")
    page.locator("#id_q-1-prompt").fill(Q2)
    page.locator("#id_q-1-min_words").fill("50")
    save(page, "Save the questions")

    open_section(page, "Prerequisites")
    choose(page, "Getting started with Open Badges (Scottish Social Services Council)")
    choose(page, "Writing evidence for Open Badge applications (Scottish Social Services Council)")
    save(page)

    open_section(page, "Learning materials")
    handout = tmp_path / "handout.pdf"
    handout.write_bytes(PDF)
    page.get_by_label("Title").fill("Video chats handout")
    page.locator("#id_file").set_input_files(str(handout))
    save(page, "Add")
    open_section(page, "Back to the badge")

    # The preview is the badge page a learner will see.
    open_section(page, "Preview as a learner will see it")
    expect(page.get_by_text("(150 words minimum)", exact=True)).to_be_visible()
    expect(page.get_by_text("(50 words minimum)", exact=True)).to_be_visible()
    expect(page.get_by_text("at least 200 words")).to_be_visible()
    expect(page.get_by_role("link", name="Getting started with Open Badges")).to_be_visible()
    expect(page.get_by_role("link", name="Video chats handout")).to_be_visible()
    page.go_back()
    axe(page)

    open_section(page, "Publish version 1")
    save(page, "Publish version 1")
    expect(page.get_by_text("Learners apply under version 1.")).to_be_visible()

    # It joins its pathway, chosen from the pathway badge.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Badges").click()
    axe(page)
    open_section(page, "Online safety and security")
    open_section(page, "Badges that contribute to this pathway")
    choose(page, "OSS Video chats (Scottish Social Services Council)")
    save(page)
    page.goto("/badges/")
    axe(page)
    page.get_by_role("link", name="OSS Video chats").click()
    expect(
        page.get_by_text("This is one of two badges that contribute towards the")
    ).to_be_visible()
    axe(page, screenshot="workspace-published-badge")
    sign_out(page)

    # Jamie starts an application now (it stays in flight across the edit below).
    video = Badge.objects.get(name="OSS Video chats")
    jamie_application = applications.application_start(learner=world["jamie"], badge=video)

    # Morag applies and submits, through the forms.
    sign_in(page, "morag@example.org")
    page.goto(video.get_absolute_url())
    axe(page)
    page.get_by_role("button", name="Start application").click()
    axe(page)
    page.get_by_role("textbox", name=re.compile("^Question 1")).fill(LEARNED)
    page.get_by_role("textbox", name=re.compile("^Question 2")).fill(SECURE)
    page.get_by_role("button", name="Save and check your answers").click()
    expect(page.get_by_text("My evidence has been written or recorded by me")).to_be_visible()
    axe(page)
    page.get_by_text("I confirm all of the above").click()
    page.get_by_text("No", exact=True).click()
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_role("heading", name="Application submitted")).to_be_visible()
    axe(page)
    sign_out(page)

    # The admin edits the badge: a new version, published while Jamie's is in flight.
    sign_in(page, "iain@example.org", world["admin_secret"])
    page.goto("/workspace/sssc/badges/")
    axe(page)
    open_section(page, "OSS Video chats")
    save(page, "Edit the badge (start a new version)")
    open_section(page, re.compile("^Evidence questions"))
    page.locator("#id_q-1-min_words").fill("80")
    save(page, "Save the questions")
    open_section(page, "Publish version 2")
    save(page, "Publish version 2")
    expect(page.get_by_text("Learners apply under version 2.")).to_be_visible()
    sign_out(page)

    # Jamie submits under the version he started with (50 words for question 2, not 80).
    attempt = applications.current_attempt(jamie_application)
    applications.draft_save(
        application=jamie_application,
        actor=world["jamie"],
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={a.question_id: (LEARNED if a.question.position == 1 else SECURE)
                   for a in attempt.answers.select_related("question") if a.question_id},
            links={}, transcripts={}, intended_actions="",
        ),
    )  # fmt: skip
    applications.application_submit(
        application=jamie_application, actor=world["jamie"], declaration=True, ai_used=False
    )

    # The assessor awards Morag's, then sees that Jamie's is under version 1.
    sign_in(page, "aileen@example.org", world["assessor_secret"])
    page.get_by_role("link", name="Assessment queue").click()
    axe(page)
    page.get_by_role("button", name="Assess next").click()
    expect(page.get_by_text("OSS Video chats (version 1)")).to_be_visible()
    axe(page)
    choose(page.get_by_role("group", name="Score for question 1"), "Met (1)")
    choose(page.get_by_role("group", name="Score for question 2"), "Met (1)")
    choose(page, "Award")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("You awarded OSS Video chats")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Assess next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(jamie_application.reference)
    expect(page.get_by_text("OSS Video chats (version 1)")).to_be_visible()
    axe(page)

    jamie_application.refresh_from_db()
    morag = Application.objects.get(learner=world["morag"])
    assert (morag.status, morag.version.number) == (Application.Status.AWARDED, 1)
    assert jamie_application.version.number == 1
    assert [q.min_words for q in jamie_application.version.questions.all()] == [150, 50]
    assert [q.min_words for q in video.versions.get(number=2).questions.all()] == [150, 80]


def test_workspace_pages_fit_a_phone(phone: Page, world: dict[str, Any]) -> None:
    sign_in(phone, "iain@example.org", world["admin_secret"])
    for address in (
        "/workspace/sssc/",
        "/workspace/sssc/badges/",
        "/workspace/sssc/badges/new/",
        f"/workspace/sssc/badges/{world['pathway'].slug}/",
        f"/workspace/sssc/badges/{world['pathway'].slug}/pathway/",
        "/workspace/sssc/profile/",
        "/workspace/sssc/decline-reasons/",
    ):
        phone.goto(address)
        axe(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320, address
