"""Managers and teams (issue 15), in a browser: the learner shares a draft; the manager sees it
on their home before any email is opened, says it needs work; the learner revises it and asks
again; the manager sees what changed and marks it ready; the learner records the discussion
task and the manager confirms it; the learner submits and the manager's home says so. The
manager works on a phone (320 px). Joining and leaving an organisation works without
JavaScript at 320 px. axe-core checks every page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.teams import services as teams
from rosette.teams.models import Membership, Organisation
from tests import factories
from tests.browser.conftest import axe
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "Share your evidence with your team and agree how you will use video calls safely."
FIRST = (
    "I learned to check who can join a video call, to lock the meeting, and to use a plain "
    "background, because a call can show private things about the people we support."
)


def _sign_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    axe(page)


def _join(learner: User, manager: User) -> Organisation:
    organisation = Organisation.objects.get(memberships__user=manager)
    membership = teams.membership_invite(
        organisation=organisation, user=learner, role=Membership.Role.STAFF, actor=manager
    )
    teams.membership_accept(membership=membership, actor=learner)
    return organisation


def test_a_draft_goes_round_twice_then_the_discussion_is_confirmed_and_it_is_submitted(
    page: Page, phone: Page, learner: User, manager: User
) -> None:
    _join(learner, manager)
    badge = factories.make_badge(
        name="Video chats",
        slug="video-chats",
        questions=[("What three things did you learn, and why are they important?", 20)],
        discussion_task=TASK,
    )
    application = applications.application_start(learner=learner, badge=badge)
    attempt = applications.current_attempt(application)
    question = next(a.question_id for a in attempt.answers.all() if a.question_id)
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={question: FIRST}, links={}, transcripts={}, intended_actions="Tell my team."
        ),
    )

    # The learner shares her draft with her manager.
    _sign_in(page, learner.email)
    page.goto(f"/applications/{application.public_id}/share/")
    axe(page)
    page.get_by_label("Email address of your manager or tutor").fill(manager.email)
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("#shares")).to_contain_text("invitation sent, not yet opened")
    axe(page)

    # The manager sees it on their home, on a phone, without opening any email.
    _sign_in(phone, manager.email)
    phone.get_by_role("link", name="Your team: what is waiting for you").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your team")
    expect(phone.get_by_text("Badges show learning, not competence")).to_be_visible()
    axe(phone, screenshot="managers-home-phone")
    phone.locator("#review-invitations").get_by_role(
        "link", name="Morag Learner: Video chats"
    ).click()
    axe(phone)
    phone.get_by_role("button", name="Read the draft").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check Morag Learner’s draft")
    axe(phone)
    phone.get_by_label("Your comment on question 1").fill("Say which policy this relates to.")
    phone.locator("label", has_text="Needs work").click()
    phone.get_by_role("button", name="Send your comments to Morag").click()
    expect(phone.get_by_text("We have sent your comments to Morag Learner.")).to_be_visible()
    axe(phone)

    # The learner revises her answer and asks again.
    page.goto(f"/applications/{application.public_id}/edit/")
    answer = page.get_by_role("textbox", name=re.compile("^Question 1"))
    answer.fill(FIRST + " This fits our information sharing policy.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    axe(page)
    page.goto(f"/applications/{application.public_id}/share/")
    page.get_by_role("button", name=re.compile("^Ask them to look again")).click()
    expect(page.get_by_text("We have asked Callum Manager to look again.")).to_be_visible()
    axe(page)

    # The manager sees that she asked, and what changed since the comments; it is ready now.
    phone.goto("/team/")
    expect(phone.locator("#shared-drafts")).to_contain_text("Asks you to look again")
    axe(phone)
    phone.locator("#shared-drafts").get_by_role("link").first.click()
    changes = phone.locator(".rosette-changes")
    expect(changes).to_contain_text("What changed since your comments")
    expect(changes.locator("ins")).to_contain_text("information sharing policy")
    axe(phone, screenshot="managers-what-changed-phone")
    phone.locator("label", has_text="Ready to submit").click()
    phone.get_by_role("button", name="Send your comments to Morag").click()
    expect(phone.get_by_text("We have sent your comments to Morag Learner.")).to_be_visible()
    axe(phone)

    # The learner records the discussion task and asks her manager to confirm it.
    page.goto(f"/applications/{application.public_id}/edit/")
    page.get_by_role("link", name="Your discussion task").click()
    expect(page.get_by_text(TASK)).to_be_visible()
    axe(page)
    page.get_by_label("Who took part", exact=True).fill("My manager and two colleagues")
    page.get_by_label("When it took place").fill("05/01/2026")
    page.get_by_label("What you agreed").fill("We will lock every family call.")
    page.get_by_label("Email address of someone who took part").fill(manager.email)
    page.locator("label", has_text="Show the confirmed discussion on my award page").click()
    page.get_by_role("button", name="Save the discussion").click()
    expect(page.get_by_text("Your discussion is saved.")).to_be_visible()
    expect(page.locator("#discussion-status")).to_contain_text("Waiting for manager@example.org")
    axe(page)

    # The manager confirms it from their home.
    phone.goto("/team/")
    phone.locator("#discussions-to-confirm").get_by_role("link").click()
    expect(phone.get_by_text("We will lock every family call.")).to_be_visible()
    axe(phone)
    phone.get_by_role("button", name="Confirm the discussion took place").click()
    expect(phone.locator("#discussion-status")).to_contain_text("You confirmed it")
    axe(phone)

    # The learner submits; the manager's home says so.
    for prerequisite in badge.prerequisites.all():
        factories.give_badge(learner, prerequisite)
    applications.application_submit(
        application=Application.objects.get(pk=application.pk),
        actor=learner,
        declaration=True,
        ai_used=False,
    )
    page.goto(f"/applications/{application.public_id}/")
    expect(page.locator("#discussion")).to_be_visible()
    expect(page.get_by_text("Your discussion was confirmed by Callum Manager")).to_be_visible()
    axe(page)
    phone.goto("/team/")
    expect(phone.locator("#submitted-after-review")).to_be_visible()
    expect(phone.get_by_text(re.compile("Morag Learner submitted Video chats on"))).to_be_visible()
    axe(phone, screenshot="managers-home-submitted-phone")


def test_joining_by_link_and_leaving_work_without_javascript_on_a_phone(
    new_page: Callable[..., Page], learner: User, manager: User
) -> None:
    organisation = Organisation.objects.get(memberships__user=manager)
    teams.admin_add(organisation=organisation, user=manager, actor=None)

    # The organisation's admin makes a join link.
    admin = new_page(320, javascript=False)
    _sign_in(admin, manager.email)
    admin.goto("/organisations/")
    axe(admin)
    admin.get_by_role("link", name="People at A care service").click()
    axe(admin)
    admin.get_by_role("button", name="Make a new join link").click()
    link = admin.locator("#join-links input").first.input_value()
    axe(admin)

    # The learner opens it, reads what its managers will see, and joins.
    person = new_page(320, javascript=False)
    _sign_in(person, learner.email)
    person.goto(link)
    expect(person.get_by_text("What its managers can see")).to_be_visible()
    axe(person)
    person.get_by_role("button", name="Join").click()
    expect(person.get_by_text("You have joined A care service.")).to_be_visible()
    expect(person.locator("#memberships")).to_contain_text("A care service: Staff member")
    axe(person, screenshot="organisations-phone")

    # … and leaves, keeping every badge.
    person.get_by_role("link", name=re.compile("^Leave")).click()
    expect(person.get_by_text("Every badge you hold stays yours.")).to_be_visible()
    axe(person)
    person.get_by_role("button", name="Leave").click()
    expect(person.get_by_text("Your badges are still yours.")).to_be_visible()
    axe(person)
    assert not Membership.objects.filter(user=learner, status="active").exists()


def test_the_manager_endorses_and_the_award_is_celebrated_only_once_the_learner_agrees(
    page: Page, phone: Page, new_page: Callable[..., Page], learner: User, manager: User
) -> None:
    organisation = _join(learner, manager)
    badge = factories.make_badge(name="Video chats", slug="video-chats")
    factories.give_badge(learner, badge)
    coach = factories.make_user(email="coach@example.org", name="Colleague Coach")
    teams.membership_accept(
        membership=teams.membership_invite(
            organisation=organisation, user=coach, role=Membership.Role.STAFF, actor=None
        ),
        actor=coach,
    )
    factories.give_badge(coach, badge)

    # The manager endorses the badge from their home, on a phone.
    _sign_in(phone, manager.email)
    phone.goto("/team/")
    axe(phone)
    phone.locator("#team-awards").get_by_role("link", name=re.compile("^Endorse.*Morag")).click()
    axe(phone)
    phone.get_by_role("textbox").first.fill(
        "Morag now checks every video call with the people she supports before it starts."
    )
    phone.get_by_role("button", name="Send endorsement").click()
    axe(phone)

    # The celebration feed does not show the award until Morag agrees.
    phone.goto(f"/organisations/{organisation.slug}/celebrate/")
    expect(phone.get_by_text("Nothing has been shared yet.")).to_be_visible()
    axe(phone)
    _sign_in(page, learner.email)
    page.goto("/organisations/")
    axe(page)
    page.get_by_role("link", name="Share your badges with colleagues").click()
    axe(page)
    page.get_by_role("button", name=re.compile("^Celebrate it with A care service")).click()
    expect(page.get_by_text("Shown in the celebration feed of A care service.")).to_be_visible()
    axe(page)
    phone.reload()
    expect(phone.locator("#celebrations")).to_contain_text("Morag Learner: Video chats")
    axe(phone)
    phone.get_by_role("link", name="This month’s summary for a newsletter").click()
    expect(phone.locator("#summary")).to_contain_text("Morag Learner: Video chats")
    axe(phone, screenshot="managers-summary-phone")

    # A colleague offers to help; someone working on the badge finds them.
    colleague = factories.make_user(email="newstart@example.org", name="New Start")
    teams.membership_accept(
        membership=teams.membership_invite(
            organisation=organisation, user=colleague, role=Membership.Role.STAFF, actor=None
        ),
        actor=colleague,
    )
    helper = new_page(320)
    _sign_in(helper, coach.email)
    helper.goto("/organisations/sharing/")
    helper.get_by_role("button", name=re.compile("^Offer to help colleagues")).click()
    expect(helper.get_by_text("You offered to help colleagues with this badge.")).to_be_visible()
    axe(helper)
    applications.application_start(learner=colleague, badge=badge)
    newcomer = new_page(320)
    _sign_in(newcomer, colleague.email)
    newcomer.goto("/organisations/coaching/")
    expect(newcomer.locator(".coaches")).to_contain_text("Colleague Coach")
    axe(newcomer)
