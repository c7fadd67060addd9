"""The manager's home (issue 15): everything waiting for a manager, in one place, and nothing
of a learner's work the learner did not agree to show. And who sees nothing: a manager of
another organisation, and a former manager once the learner has left."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import review
from rosette.applications import services as applications
from rosette.applications.models import Application, Review
from rosette.assessment import services as assessment
from rosette.awards.services import badge_endorsement_rule_set
from rosette.catalogue.models import Badge, Issuer
from rosette.teams import services as teams
from rosette.teams.models import Membership, Organisation
from tests import factories
from tests.signin import SignInClient

pytestmark = pytest.mark.django_db

EVIDENCE = (
    "I learned to check who can see and hear a video call before it starts, to use the "
    "waiting room, and to agree with the person how we will reconnect if the call drops."
)


@pytest.fixture
def staff(learner: User, organisation: Organisation) -> Membership:
    return factories.join_staff(learner, organisation)


def badge_named(issuer: Issuer, name: str) -> Badge:
    return factories.make_badge(issuer=issuer, name=name, questions=[("What did you learn?", 10)])


def write(application: Application, text: str = EVIDENCE) -> None:
    attempt = applications.current_attempt(application)
    questions = [a.question_id for a in attempt.answers.all() if a.question_id]
    applications.draft_save(
        application=application,
        actor=application.learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={q: text for q in questions}, links={}, transcripts={}, intended_actions=""
        ),
    )


def submitted(learner: User, badge: Badge) -> Application:
    application = applications.application_start(learner=learner, badge=badge)
    write(application)
    return applications.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )


def decide(application: Application, assessor: User, outcome: str) -> None:
    issuer = application.badge.issuer
    claimed = assessment.claim_next(issuer=issuer, assessor=assessor)
    assert claimed == application
    rubric = assessment.rubric_ensure(version=application.version)
    scores = {qr.question_id: 0 for qr in assessment.question_rubrics(rubric)}
    kwargs: dict[str, Any] = {"feedback": {}}
    if outcome == "return":
        kwargs["feedback"] = {str(q): "Say more about the waiting room." for q in scores}
    if outcome == "decline":
        assessment.decline_reasons_ensure(issuer=issuer)
        kwargs["reason"] = "not_own_work"
    assessment.decision_record(
        application=claimed, actor=assessor, outcome=outcome, scores=scores, **kwargs
    )


def home_of(client: SignInClient, user: User) -> str:
    client.force_login(user)
    response = client.get(reverse("managers:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_review_invitation_shows_on_the_managers_home_before_any_email_is_opened(
    client: SignInClient, manager: User, learner: User, issuer: Issuer
) -> None:
    application = applications.application_start(
        learner=learner, badge=badge_named(issuer, "Video chats")
    )
    invitation = review.review_invite(
        application=application, actor=learner, email="Manager@example.org"
    )
    page = home_of(client, manager)
    assert "Morag Learner: Video chats" in page
    accept = reverse("managers:review_invitation", kwargs={"public_id": invitation.public_id})
    assert accept in page
    assert "has asked you to check their draft" in client.get(accept).content.decode()
    response = client.post(accept)
    invitation.refresh_from_db()
    assert invitation.reviewer == manager
    assert response["Location"] == invitation.get_absolute_url()
    assert accept not in home_of(client, manager)


def test_an_invitation_to_someone_else_cannot_be_opened_from_a_home(
    client: SignInClient, manager: User, learner: User, issuer: Issuer
) -> None:
    other = factories.make_manager(email="other@example.org")
    application = applications.application_start(
        learner=learner, badge=badge_named(issuer, "Video chats")
    )
    invitation = review.review_invite(application=application, actor=learner, email=manager.email)
    assert "Video chats" not in home_of(client, other)
    accept = reverse("managers:review_invitation", kwargs={"public_id": invitation.public_id})
    assert client.get(accept).status_code == 404
    assert client.post(accept).status_code == 404
    invitation.refresh_from_db()
    assert invitation.reviewer is None


def test_a_shared_draft_says_when_it_changed_since_the_managers_comments(
    client: SignInClient, manager: User, learner: User, issuer: Issuer
) -> None:
    application = applications.application_start(
        learner=learner, badge=badge_named(issuer, "Video chats")
    )
    shared = review.review_accept(
        review=review.review_invite(application=application, actor=learner, email=manager.email),
        actor=manager,
    )
    assert "waiting for your comments" in home_of(client, manager)
    review.review_submit(
        review=shared, actor=manager, comments={}, checklist=[], overall_note="More, please.",
        verdict=Review.Verdict.NEEDS_WORK,
    )  # fmt: skip
    page = home_of(client, manager)
    assert "you said “needs work”" in page
    assert "Changed since your comments" not in page
    write(application, EVIDENCE + " I now also check the room.")
    assert "Changed since your comments" in home_of(client, manager)


def test_the_teams_applications_show_submitted_with_a_likely_date_and_returned_but_never_declined(
    client: SignInClient,
    manager: User,
    learner: User,
    staff: Membership,
    issuer: Issuer,
    assessor: User,
) -> None:
    declined = submitted(learner, badge_named(issuer, "Declined badge"))
    decide(declined, assessor, "decline")
    returned = submitted(learner, badge_named(issuer, "Returned badge"))
    decide(returned, assessor, "return")
    # An earlier decision, so the issuer has a pace to project from.
    waiting = submitted(learner, badge_named(issuer, "Waiting badge"))
    applications.application_start(learner=learner, badge=badge_named(issuer, "Private draft"))
    page = home_of(client, manager)
    assert "Morag Learner: Waiting badge, submitted on" in page
    assert "A decision is likely by" in page
    assert "Morag Learner: Returned badge" in page
    assert "Say more about the waiting room" not in page  # the feedback is the learner's
    assert "Declined badge" not in page
    assert "Private draft" not in page  # never shared
    assert waiting.status == Application.Status.SUBMITTED

    # The learner shows the feedback to her managers; then it is there.
    client.force_login(learner)
    share = reverse("reviews:share_feedback", kwargs={"public_id": returned.public_id})
    client.post(share, {"share": "yes"})
    assert "Say more about the waiting room" in home_of(client, manager)
    other = factories.make_manager(email="other@example.org")
    assert "Say more about the waiting room" not in home_of(client, other)
    client.force_login(learner)
    client.post(share, {"share": "no"})
    assert "Say more about the waiting room" not in home_of(client, manager)


def test_only_the_learner_shows_the_feedback(
    client: SignInClient, manager: User, learner: User, staff: Membership, issuer: Issuer,
    assessor: User,
) -> None:  # fmt: skip
    returned = submitted(learner, badge_named(issuer, "Returned badge"))
    decide(returned, assessor, "return")
    share = reverse("reviews:share_feedback", kwargs={"public_id": returned.public_id})
    client.force_login(manager)
    assert client.post(share, {"share": "yes"}).status_code == 404
    returned.refresh_from_db()
    assert returned.feedback_shared_at is None


def test_awards_to_celebrate_and_endorsements_due(
    client: SignInClient, manager: User, learner: User, staff: Membership, issuer: Issuer
) -> None:
    required = badge_named(issuer, "Needs endorsing")
    badge_endorsement_rule_set(badge=required, days=90, actor=factories.make_superuser())
    factories.give_badge(learner, required)
    factories.give_badge(learner, badge_named(issuer, "Celebrate me"))
    page = home_of(client, manager)
    assert "Endorse Needs endorsing for Morag Learner" in page
    assert "needed by" in page
    assert "Morag Learner was awarded Celebrate me" in page


def test_the_home_says_what_badges_are_and_offers_no_assigning_and_no_deadlines(
    client: SignInClient, manager: User
) -> None:
    page = home_of(client, manager)
    assert "Badges show learning, not competence, and never replace mandatory training." in page
    assert "never be made compulsory" in page
    assert "assign" not in page.lower()
    assert "deadline" not in page.lower().replace("given deadlines", "")


def test_a_manager_of_another_organisation_sees_nothing_of_the_learners_work(
    client: SignInClient, manager: User, learner: User, staff: Membership, issuer: Issuer
) -> None:
    other = factories.make_manager(email="other@example.org", name="Other Manager")
    submitted(learner, badge_named(issuer, "Waiting badge"))
    award = factories.give_badge(learner, badge_named(issuer, "Celebrate me"))
    page = home_of(client, other)
    assert "Morag Learner" not in page
    assert "Waiting badge" not in page and "Celebrate me" not in page
    endorse = reverse("awards:team_endorse", kwargs={"code": award.code})
    assert client.get(endorse).status_code == 404


def test_a_former_manager_sees_nothing_once_the_learner_has_left(
    client: SignInClient, manager: User, learner: User, staff: Membership, issuer: Issuer
) -> None:
    submitted(learner, badge_named(issuer, "Waiting badge"))
    award = factories.give_badge(learner, badge_named(issuer, "Celebrate me"))
    draft = applications.application_start(
        learner=learner, badge=badge_named(issuer, "Shared draft")
    )
    shared = review.review_accept(
        review=review.review_invite(application=draft, actor=learner, email=manager.email),
        actor=manager,
    )
    page = home_of(client, manager)
    assert "Waiting badge" in page and "Celebrate me" in page and "Shared draft" in page

    teams.membership_leave(membership=staff, actor=learner)
    page = home_of(client, manager)
    assert "Morag Learner" not in page
    assert (
        client.get(reverse("awards:team_endorse", kwargs={"code": award.code})).status_code == 404
    )
    assert client.get(shared.get_absolute_url()).status_code == 404
    assert "Morag Learner" not in client.get(reverse("awards:team")).content.decode()
    assert "Morag Learner" not in client.get(reverse("reviews:list")).content.decode()


def test_only_managers_reach_the_home(client: SignInClient, learner: User) -> None:
    client.force_login(learner)
    assert client.get(reverse("managers:home")).status_code == 403
