"""C12, issue 14's journey in one: an issuer admin signs in with MFA and invites an assessor by
email, who creates an account, accepts, and sets up an authenticator app; the admin writes the
"OSS Video chats" badge from its public page (seeds/000), adds it to its pathway and publishes
it; a learner applies and submits; the new assessor awards. The admin then edits the badge (a
new version) while another application is in flight, which keeps its version (the assessor
sees which); the people page, the reports and their CSV show the award. axe-core checks
every page."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import Badge, IssuerStaff
from tests.browser.conftest import axe, totp_code
from tests.browser.conftest import sign_in as signed_in
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


DISCUSSION = (
    "Share your completed handout with colleagues in a team meeting and agree how you will "
    "apply what you learned."
)
ASSESSOR_PASSWORD = "a long enough passphrase for Aileen"


@pytest.fixture
def world() -> dict[str, Any]:
    """The SSSC with its admin, its two introductory badges (the prerequisites) and its pathway
    (with one badge so far); two learners who hold the prerequisites. No assessor yet."""
    issuer = make_issuer(name="Scottish Social Services Council", slug="sssc")
    intro = [
        make_badge(issuer=issuer, name="Getting started with Open Badges"),
        make_badge(issuer=issuer, name="Writing evidence for Open Badge applications"),
    ]
    passwords = make_badge(issuer=issuer, name="OSS Passwords")
    make_badge(
        issuer=issuer, name="Online safety and security", slug="online-safety-and-security",
        components=[passwords],
    )  # fmt: skip
    _admin, admin_secret = staff(issuer, "iain@example.org", "Iain Admin", IssuerStaff.Role.ADMIN)
    morag = make_user(email="morag@example.org", name="Morag Learner")
    jamie = make_user(email="jamie@example.org", name="Jamie Learner")
    for learner in (morag, jamie):
        for badge in intro:
            give_badge(learner, badge)
    return {"admin_secret": admin_secret, "morag": morag, "jamie": jamie}


def open_section(page: Page, name: str | re.Pattern[str]) -> None:
    page.get_by_role("link", name=name).click()
    axe(page)


def save(page: Page, button: str = "Save") -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".ds_notification")).to_be_visible()
    axe(page)


def _link_in(body: str, path: str) -> str:
    match = re.search(rf"https?://\S+?({path}\S*)", body)
    assert match, body
    return match.group(1)


def invite_assessor(page: Page) -> str:
    """The admin invites Aileen; the link's path, read from the email the site sent."""
    open_section(page, re.compile("^People"))
    page.get_by_label("Email address").fill("aileen@example.org")
    page.get_by_text("Assessor", exact=True).click()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("body")).to_contain_text("We have sent an invitation to aileen@example.org")
    axe(page)
    expect(page.locator("body")).to_contain_text("aileen@example.org, Assessor")
    invitation = mail.outbox[-1]
    assert invitation.to == ["aileen@example.org"]
    return _link_in(str(invitation.body), "/workspace/invitations/")


def assessor_joins(page: Page, link: str) -> str:
    """Aileen opens the link signed out, creates an account with a password, verifies her
    address, accepts and sets up her authenticator app. Returns her TOTP secret."""
    page.goto(link)
    axe(page)  # the sign-in page, this link as where to go next
    page.get_by_role("main").get_by_role("link", name="Create an account").click()
    axe(page)
    page.get_by_label("Full name").fill("Aileen Assessor")
    page.get_by_label("Email").fill("aileen@example.org")
    page.get_by_label("Password", exact=True).fill(ASSESSOR_PASSWORD)
    page.get_by_label("Password (again)").fill(ASSESSOR_PASSWORD)
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("check your email", re.IGNORECASE)
    )
    axe(page)
    assert mail.outbox[-1].to == ["aileen@example.org"]
    page.goto(_link_in(str(mail.outbox[-1].body), "/accounts/"))
    axe(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state("load")
    axe(page)
    # Signed up from the sign-in page the link led to, she is brought back to the invitation.
    expect(page).to_have_url(re.compile(re.escape(link) + "$"))
    expect(page.locator("body")).to_contain_text("Scottish Social Services Council")
    page.get_by_role("button", name="Accept the invitation").click()
    # Staff must set up an authenticator app before anything else; allauth first asks for
    # the password again, as it does before any change to how someone signs in.
    page.wait_for_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in page.url:
        axe(page)
        page.locator("input[type=password]").fill(ASSESSOR_PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    axe(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_load_state("load")
    axe(page)
    page.goto("/assess/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    sign_out(page)
    return secret


def author_video_chats(page: Page, tmp_path: Path) -> None:
    """The admin writes the badge as its public page reads, previews and publishes it."""
    page.goto("/workspace/sssc/badges/")
    axe(page)
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

    open_section(page, re.compile("^Description, criteria"))
    page.get_by_label("Description").fill(DESCRIPTION)
    page.get_by_label("Criteria").fill(CRITERIA)
    page.get_by_label("Activities").fill("Download and complete the Video chats handout")
    page.get_by_label("Discussion task").fill(DISCUSSION)
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

    open_section(page, "Preview as a learner will see it")
    expect(page.get_by_text(Q1)).to_be_visible()
    expect(page.get_by_text("(150 words minimum)", exact=True)).to_be_visible()
    expect(page.get_by_text("(50 words minimum)", exact=True)).to_be_visible()
    expect(page.get_by_text("at least 200 words")).to_be_visible()
    expect(page.get_by_role("link", name="Getting started with Open Badges")).to_be_visible()
    expect(
        page.get_by_role("link", name="Writing evidence for Open Badge applications")
    ).to_be_visible()
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


def learner_applies(page: Page, badge: Badge) -> None:
    """Morag reads the published page, applies and submits through the forms."""
    sign_in(page, "morag@example.org")
    page.goto(badge.get_absolute_url())
    expect(
        page.get_by_text("This is one of two badges that contribute towards the")
    ).to_be_visible()
    expect(page.get_by_text("(150 words minimum)", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Video chats handout")).to_be_visible()
    expect(page.get_by_text(DISCUSSION)).to_be_visible()
    axe(page, screenshot="workspace-published-badge")
    page.get_by_role("button", name="Start application").click()
    axe(page)
    page.get_by_role("textbox", name=re.compile("^Question 1")).fill(LEARNED)
    page.get_by_role("textbox", name=re.compile("^Question 2")).fill(SECURE)
    page.get_by_role("button", name="Save and check your answers").click()
    expect(page.get_by_text("My evidence has been written or recorded by me")).to_be_visible()
    expect(page.get_by_text(DATA_SHARING)).to_be_visible()
    axe(page)
    page.get_by_text("I confirm all of the above").click()
    page.get_by_text("No", exact=True).click()
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_role("heading", name="Application submitted")).to_be_visible()
    axe(page)
    sign_out(page)


def submit_through_services(application: Application, learner: User) -> None:
    attempt = applications.current_attempt(application)
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={a.question.pk: (LEARNED if a.question.position == 1 else SECURE)
                   for a in attempt.answers.select_related("question") if a.question},
            links={}, transcripts={}, intended_actions="",
        ),
    )  # fmt: skip
    applications.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )


def test_an_issuer_admin_runs_a_badge_from_invitation_to_report(
    page: Page, world: dict[str, Any], tmp_path: Path
) -> None:
    # The admin signs in with MFA, invites an assessor and writes the badge.
    sign_in(page, "iain@example.org", world["admin_secret"])
    open_section(page, re.compile("Your issuer workspace"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Scottish Social Services Council")
    link = invite_assessor(page)
    author_video_chats(page, tmp_path)
    sign_out(page)

    # The assessor joins, with a password of her own and an authenticator app.
    aileen_secret = assessor_joins(page, link)
    aileen = IssuerStaff.objects.get(user__email="aileen@example.org")
    assert (aileen.role, aileen.user.has_usable_password()) == (IssuerStaff.Role.ASSESSOR, True)

    video = Badge.objects.get(name="OSS Video chats")
    assert video.versions.get().number == 1
    # Jamie starts an application under version 1 (it stays in flight across the edit below).
    jamie_application = applications.application_start(learner=world["jamie"], badge=video)
    learner_applies(page, video)

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
    submit_through_services(jamie_application, world["jamie"])

    # The new assessor awards Morag's, then sees that Jamie's is under version 1.
    signed_in(page, "aileen@example.org", ASSESSOR_PASSWORD, totp_secret=aileen_secret)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello, Aileen")
    axe(page)
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
    sign_out(page)

    jamie_application.refresh_from_db()
    morag = Application.objects.get(learner=world["morag"])
    assert (morag.status, morag.version.number) == (Application.Status.AWARDED, 1)
    assert jamie_application.version.number == 1
    assert [q.min_words for q in jamie_application.version.questions.all()] == [150, 50]
    assert [q.min_words for q in video.versions.get(number=2).questions.all()] == [150, 80]

    # The admin sees the assessor's work, and the award in the reports and their CSV.
    sign_in(page, "iain@example.org", world["admin_secret"])
    page.goto("/workspace/sssc/people/")
    axe(page)
    row = page.locator("#staff tr", has_text="Aileen Assessor")
    expect(row.locator("td")).to_have_text(
        [re.compile("Aileen Assessor"), "Assessor", "Set up", "1", "1", re.compile("Suspend")]
    )
    open_section(page, re.compile("^Reports"))
    awards = page.locator("#report-awards").locator("xpath=..")
    expect(awards.locator("table")).to_contain_text("OSS Video chats")
    with page.expect_download() as download:
        awards.get_by_role("link", name=re.compile("Download as CSV")).click()
    saved = tmp_path / "awards.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert ["OSS Video chats", "Badge", "1", "1"] in rows, rows
    # Filtered to the badge, the page still shows the award, and so does the pathway's row.
    page.get_by_label("Badge (optional)").select_option(label="OSS Video chats")
    page.get_by_role("button", name="Show the reports").click()
    axe(page)
    expect(page.locator("#report-awards").locator("xpath=..").locator("table")).to_contain_text(
        "OSS Video chats"
    )
