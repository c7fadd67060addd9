"""Manager review (C4): a learner shares a draft with their manager, who opens the emailed
invitation, signs in, comments on a question and says it needs work; the learner sees the
comment beside the question and revises it. The manager works on a phone (320 px)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from rosette.accounts.models import User
from tests import factories
from tests.browser.conftest import axe
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

COMMENT = "Say which of our policies this relates to: the information sharing policy?"


def _sign_in(page: Page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _invitation_path() -> str:
    match = re.search(r"https?://[^/\s]+(/reviews/invitations/\S+)", str(mail.outbox[-1].body))
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_a_manager_checks_a_draft_and_the_learner_revises_it(
    page: Page, phone: Page, learner: User, manager: User
) -> None:
    factories.make_badge(
        name="Video chats",
        slug="video-chats",
        questions=[
            ("What three things did you learn, and why are they important?", 20),
            ("What can you do to keep yourself and your organisation secure?", 10),
        ],
    )

    # The learner writes a draft.
    page.goto("/accounts/login/")
    axe(page)
    _sign_in(page, learner.email)
    axe(page)
    page.goto("/badges/video-chats/")
    axe(page)
    page.get_by_role("button", name="Start application").click()
    axe(page)
    page.get_by_role("textbox", name=re.compile("^Question 1")).fill(
        "I learned to check who can join a video call, to lock the meeting, and to use a "
        "plain background, because a call can show private things about the people we support."
    )
    page.get_by_role("textbox", name=re.compile("^Question 2")).fill(
        "Use the approved app, keep it updated and never share meeting links in public."
    )
    page.get_by_label("What will you do differently in your practice?").fill(
        "Show my team how to lock a meeting at our next team meeting."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    axe(page)

    # … and shares it with her manager.
    page.get_by_role("link", name="Ask your manager or tutor to check your draft").click()
    axe(page, screenshot="review-share")
    page.get_by_role("button", name="Send the invitation").click()
    expect(
        page.get_by_text("Enter the email address of your manager or tutor").first
    ).to_be_visible()
    axe(page)
    page.get_by_label("Email address of your manager or tutor").fill("manager@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("#shares")).to_contain_text("invitation sent, not yet opened")
    axe(page)
    assert mail.outbox[-1].to == ["manager@example.org"]

    # The manager opens the invitation on their phone and signs in; the link survives.
    phone.goto(_invitation_path())
    axe(phone, screenshot="review-sign-in-phone")
    _sign_in(phone, "manager@example.org")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check a draft")
    expect(phone.get_by_text("Badges show learning, not competence")).to_be_visible()
    axe(phone, screenshot="review-invitation-phone")
    phone.get_by_role("button", name="Read the draft").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check Morag Learner’s draft")
    axe(phone, screenshot="review-draft-phone")

    # A mistake first: no verdict. The comment typed is kept.
    phone.get_by_label("Your comment on question 1").fill(COMMENT)
    phone.get_by_role("button", name="Send your comments to Morag").click()
    expect(phone.get_by_text("There is a problem")).to_be_visible()
    expect(phone.get_by_label("Your comment on question 1")).to_have_value(COMMENT)
    axe(phone)
    # The design system draws the box over the input: people (and tests) click the label.
    phone.locator("label", has_text="There is nothing in it that could identify").click()
    phone.locator("label", has_text="Needs work").click()
    phone.get_by_role("button", name="Send your comments to Morag").click()
    expect(phone.get_by_text("We have sent your comments to Morag Learner.")).to_be_visible()
    expect(phone.locator("#drafts")).to_contain_text("needs work")
    axe(phone, screenshot="review-list-phone")

    # The learner sees the comment beside question 1 and revises her answer.
    page.goto("/home/")
    axe(page)
    page.get_by_role("link", name="Video chats").first.click()
    axe(page, screenshot="review-comments-for-learner")
    comments = page.locator(".rosette-review")
    expect(comments).to_contain_text("Comments from Callum Manager")
    expect(comments).to_contain_text("Needs work")
    question_id = page.locator("[data-question]").first.get_attribute("data-question")
    expect(page.locator(f'[data-question="{question_id}"]')).to_contain_text(COMMENT)
    page.get_by_role("link", name="Question 1").click()
    answer = page.get_by_role("textbox", name=re.compile("^Question 1"))
    answer.fill(answer.input_value() + " This fits our information sharing policy and procedures.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    axe(page)

    # The manager sees that the draft changed since their comments.
    phone.locator("#drafts").get_by_role("link").first.click()
    expect(phone.get_by_text("has changed the draft since you sent your comments")).to_be_visible()
    axe(phone)

    # Later the badge is awarded (the assessor's decision calls this): the learner's intended
    # action goes on the manager's list, with no deadline, and the manager marks it done.
    from rosette.applications import review
    from rosette.applications.models import Application
    from rosette.awards.services import award_create

    application = Application.objects.get(learner=learner)
    award = award_create(recipient=learner, badge=application.badge, actor=None)
    review.followups_create_for_award(application=application, award=award)
    phone.goto("/home/")
    expect(phone.locator("#home-followups")).to_contain_text("Show my team how to lock a meeting")
    axe(phone, screenshot="review-home-phone")
    phone.get_by_role("link", name="All drafts shared with you and follow-ups").click()
    axe(phone)
    phone.get_by_label("Your note").fill("We did it together at the team meeting on Tuesday.")
    phone.locator("label", has_text="Done: this has happened").click()
    phone.get_by_role("button", name=re.compile("^Save")).click()
    expect(phone.get_by_text("Your follow-up is saved.")).to_be_visible()
    expect(phone.locator("#followups")).to_contain_text("Done")
    axe(phone, screenshot="review-followups-phone")


def test_stopping_sharing_shuts_the_manager_out(
    page: Page, phone: Page, learner: User, manager: User
) -> None:
    from rosette.applications import review, services

    badge = factories.make_badge(name="Video chats", slug="video-chats")
    application = services.application_start(learner=learner, badge=badge)
    shared = review.review_invite(application=application, actor=learner, email=manager.email)
    review.review_accept(review=shared, actor=manager)

    page.goto("/accounts/login/")
    axe(page)
    _sign_in(page, learner.email)
    axe(page)
    page.goto(f"/applications/{application.public_id}/share/")
    axe(page)
    page.get_by_role("link", name=re.compile("^Stop sharing")).click()
    axe(page, screenshot="review-stop-sharing")
    page.get_by_role("button", name="Stop sharing").click()
    expect(page.get_by_text("can no longer see your draft")).to_be_visible()
    expect(page.get_by_text("Only you can see your draft.")).to_be_visible()
    axe(page)

    phone.goto("/accounts/login/")
    axe(phone)
    _sign_in(phone, manager.email)
    axe(phone)
    # A request, not a page load: a 404 page would log a console error.
    assert phone.request.get(shared.get_absolute_url()).status == 404
