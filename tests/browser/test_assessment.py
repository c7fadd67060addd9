"""C5 Assessment: assessors take applications in arrival order, score them against the rubric,
return one with feedback, award it when the learner resubmits, and decline another; learners
see feedback on a return and none on a decline; admins watch the service levels."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.assessment import services as assessment
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Badge, Issuer, IssuerStaff
from tests.browser.conftest import axe, totp_code
from tests.factories import PASSWORD, give_mfa, make_badge, make_issuer, make_user

pytestmark = pytest.mark.django_db(transaction=True)

EVIDENCE = (
    "I learned to check who can see and hear a video call before it starts, to use the "
    "waiting room, and to agree how we will reconnect if the call drops."
)


def staff(
    issuer: Issuer, email: str, name: str, role: str = IssuerStaff.Role.ASSESSOR
) -> tuple[User, str]:
    user = make_user(email=email, name=name)
    secret = give_mfa(user)
    catalogue.issuer_staff_add(issuer=issuer, user=user, role=role, actor=None)
    return user, secret


def sign_in(page: Page, email: str, secret: str | None = None) -> None:
    """Through the real sign-in form, and for staff the real authenticator-code step, with a
    code computed from their TOTP secret as an authenticator app would."""
    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if secret is not None:
        page.locator("input[name=code]").wait_for()
        axe(page)
        code = totp_code(secret)
        page.locator("input[name=code]").fill(code)
        page.get_by_role("button", name=re.compile("^sign in$", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    axe(page)


def choose(scope: Any, label: str) -> None:
    """Tick a radio button or checkbox by clicking its label, as a person does (the design
    system draws its own control over the real input)."""
    scope.get_by_text(label, exact=True).click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").first.click()
    axe(page)


def submitted(learner: User, badge: Badge, days_ago: int) -> Application:
    application = applications.application_start(learner=learner, badge=badge)
    attempt = applications.current_attempt(application)
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={a.question_id: EVIDENCE for a in attempt.answers.all() if a.question_id},
            links={},
            transcripts={},
            intended_actions="",
        ),
    )
    application = applications.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )
    # Set-up only: as if submitted some days ago (the queue is ordered by submission time).
    shift = timedelta(days=days_ago)
    assert application.submitted_at is not None and application.due_at is not None
    Application.objects.filter(pk=application.pk).update(
        submitted_at=application.submitted_at - shift, due_at=application.due_at - shift
    )
    application.attempts.update(
        submitted_at=application.submitted_at - shift, due_at=application.due_at - shift
    )
    return application


@pytest.fixture
def world() -> dict[str, Any]:
    issuer = make_issuer(name="Scottish Social Services Council", slug="sssc")
    badge = make_badge(
        issuer=issuer,
        name="Video chats",
        slug="video-chats",
        questions=[("What did you learn?", 10), ("How will you stay secure?", 5)],
    )
    morag = make_user(email="morag@example.org", name="Morag Learner")
    jamie = make_user(email="jamie@example.org", name="Jamie Learner")
    first = submitted(morag, badge, days_ago=5)
    second = submitted(jamie, badge, days_ago=3)
    aileen, aileen_secret = staff(issuer, "aileen@example.org", "Aileen Assessor")
    ruth, ruth_secret = staff(issuer, "ruth@example.org", "Ruth Assessor")
    return {
        "issuer": issuer,
        "badge": badge,
        "first": first,
        "second": second,
        "aileen": (aileen, aileen_secret),
        "ruth": (ruth, ruth_secret),
    }


def test_return_resubmit_award_and_decline(page: Page, world: dict[str, Any]) -> None:
    first: Application = world["first"]
    second: Application = world["second"]
    questions = list(first.version.questions.order_by("position"))

    # Aileen takes the next application: the oldest, Morag's.
    sign_in(page, "aileen@example.org", world["aileen"][1])
    page.get_by_role("link", name="Assessment queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Assessment queue"))
    axe(page, screenshot="assessment-queue")
    rows = page.locator("table tbody tr")
    expect(rows.nth(0)).to_contain_text(first.reference)
    expect(rows.nth(1)).to_contain_text(second.reference)
    expect(page.get_by_role("link", name=first.reference)).to_have_count(0)  # no picking
    page.get_by_role("button", name="Assess next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.reference)
    axe(page, screenshot="assessment-assess")
    expect(page.get_by_text(EVIDENCE).first).to_be_visible()

    # She scores both questions "not met": the form says the pass mark is not reached.
    for question in questions:
        choose(
            page.get_by_role("group", name=f"Score for question {question.position}"), "Not met (0)"
        )
    expect(page.locator("#pass-status")).to_contain_text("the pass mark is not reached")
    choose(page, "Return for further evidence")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe(page)
    for question in questions:
        page.get_by_label(f"Feedback on question {question.position}").fill(
            f"Give an example from your own practice for question {question.position}."
        )
    choose(page, "Return for further evidence")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("You returned")).to_be_visible()
    axe(page)
    sign_out(page)

    # Morag reads the feedback, revises and resubmits.
    sign_in(page, "morag@example.org")
    page.goto(first.get_absolute_url())
    expect(
        page.get_by_text("Give an example from your own practice for question 1.")
    ).to_be_visible()
    axe(page, screenshot="assessment-learner-feedback")
    page.goto(f"/applications/{first.public_id}/edit/")
    axe(page)
    page.locator(f"#id_text-{questions[0].id}").fill(
        EVIDENCE + " In my service we now send the link only to the person and their carer."
    )
    page.get_by_role("button", name="Save and check your answers").click()
    axe(page)
    choose(page, "I confirm all of the above")
    choose(page, "No")
    page.get_by_role("button", name="Submit application").click()
    expect(page.locator("#queue-place")).to_contain_text("2")  # behind Jamie's: the back
    axe(page)
    sign_out(page)

    # Ruth takes the next: Jamie's (older than the resubmission), and declines it.
    sign_in(page, "ruth@example.org", world["ruth"][1])
    page.get_by_role("link", name="Assessment queue").click()
    rows = page.locator("table tbody tr")
    expect(rows.nth(0)).to_contain_text(second.reference)
    expect(rows.nth(1)).to_contain_text(first.reference)
    axe(page)
    page.get_by_role("button", name="Assess next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second.reference)
    axe(page)
    choose(page, "Decline")
    page.get_by_label("If you decline it, why?").select_option(label="Not the learner's own work")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text(f"You declined {second.reference}")).to_be_visible()
    axe(page)

    # Then Morag's resubmission: what changed, the earlier feedback; she awards it.
    page.get_by_role("button", name="Assess next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.reference)
    expect(page.get_by_text("What changed since attempt 1").first).to_be_visible()
    expect(page.locator("ins").first).to_contain_text("we now send the link")
    expect(page.get_by_text("Feedback given on attempt 1").first).to_be_visible()
    axe(page, screenshot="assessment-resubmission")
    choose(page.get_by_role("group", name="Score for question 1"), "Strong (2)")
    choose(page.get_by_role("group", name="Score for question 2"), "Met (1)")
    expect(page.locator("#pass-status")).to_contain_text("the pass mark is reached")
    choose(page, "Award")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("You awarded Video chats")).to_be_visible()
    axe(page)
    sign_out(page)

    # Jamie's application says it was not successful, with no feedback.
    sign_in(page, "jamie@example.org")
    page.goto(second.get_absolute_url())
    expect(page.get_by_text("we cannot give feedback on unsuccessful applications")).to_be_visible()
    expect(page.get_by_text("The assessor's feedback")).to_have_count(0)
    expect(page.get_by_text("own work")).to_have_count(0)
    axe(page)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Application.Status.AWARDED
    assert second.status == Application.Status.DECLINED


def test_admin_watches_service_levels_and_an_assessor_moderates(
    page: Page, world: dict[str, Any]
) -> None:
    issuer: Issuer = world["issuer"]
    admin, admin_secret = staff(issuer, "iain@example.org", "Iain Admin", IssuerStaff.Role.ADMIN)
    assessment.assessment_settings_update(
        issuer=issuer, actor=admin, claim_minutes=240, moderation_percent=100, reminder_days_left=7
    )
    aileen = world["aileen"][0]
    claimed = assessment.claim_next(issuer=issuer, assessor=aileen)
    assert claimed is not None
    rubric = assessment.rubric_ensure(version=claimed.version)
    assessment.decision_record(
        application=claimed,
        actor=aileen,
        outcome="award",
        scores={qr.question_id: 1 for qr in assessment.question_rubrics(rubric)},
        feedback={},
    )

    sign_in(page, "ruth@example.org", world["ruth"][1])
    page.goto("/assess/moderation/")
    axe(page)
    page.get_by_role("link", name=claimed.reference).click()
    axe(page)
    choose(page, "Disagree")
    page.get_by_role("button", name="Record moderation").click()
    expect(page.get_by_text("Say why you disagree.").first).to_be_visible()
    axe(page)
    page.get_by_label("Your note").fill("Question 2 only restates the question.")
    choose(page, "Disagree")
    page.get_by_role("button", name="Record moderation").click()
    expect(page.get_by_text("Your moderation is recorded.")).to_be_visible()
    axe(page)
    sign_out(page)

    sign_in(page, "iain@example.org", admin_secret)
    page.goto(f"/assess/issuers/{issuer.slug}/")
    axe(page)
    page.get_by_role("link", name="Service levels").click()
    expect(page.locator("#service-levels")).to_contain_text("Waiting in the queue")
    expect(page.get_by_text("Question 2 only restates the question.")).to_be_visible()
    axe(page, screenshot="assessment-service-levels")
    page.get_by_role("link", name="Assessment settings").click()
    axe(page)
    page.get_by_label(re.compile("claim lasts", re.IGNORECASE)).fill("2")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("A claim lasts at least 5 minutes.").first).to_be_visible()
    axe(page)
