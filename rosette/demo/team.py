"""The demo manager's team (issue 15): several learners of Demo Care Services in every state a
manager meets, built through the real services, so that the manager's home is alive on first
run. Eilidh drafts (and has shared nothing: the manager sees nothing of it); Fraser has shared
a draft (an invitation the manager has not opened); Gregor's draft was checked ("needs work"),
revised, and he asked again, with a discussion to confirm; Isla has submitted; Jamie's
application was returned; Kirsty was awarded a badge, celebrates it with the organisation and
offers to help colleagues with it; Lewis holds a badge that
needs his manager's endorsement (rule 15)."""

from __future__ import annotations

from rosette.accounts.models import User
from rosette.accounts.services import user_create
from rosette.applications import discussion, review
from rosette.applications import services as applications
from rosette.applications.models import Application, Review
from rosette.assessment import services as assessment
from rosette.awards.models import Award
from rosette.awards.services import badge_endorsement_rule_set
from rosette.catalogue.models import Badge
from rosette.demo.awards import GS1, GS2, VC1, VC2
from rosette.managers import services as sharing
from rosette.teams import services as teams
from rosette.teams.models import Membership, Organisation

TEAM = [
    ("eilidh@example.org", "Eilidh Drafting", "drafting"),
    ("fraser@example.org", "Fraser Sharing", "shared"),
    ("gregor@example.org", "Gregor Revising", "asked_again"),
    ("jamie@example.org", "Jamie Returned", "returned"),
    ("kirsty@example.org", "Kirsty Awarded", "awarded"),
    ("lewis@example.org", "Lewis Endorsement", "endorsement_due"),
    # Last: a decision takes the oldest work in the queue, so Isla's must not wait before them.
    ("isla@example.org", "Isla Waiting", "submitted"),
]
GETTING_STARTED = "getting-started-with-open-badges"
ORGANISATION = "demo-care-services"
VIDEO_CHATS = "oss-video-chats"


def _write(application: Application, texts: list[str]) -> None:
    attempt = applications.current_attempt(application)
    questions = [
        a.question_id for a in attempt.answers.order_by("question__position") if a.question_id
    ]
    applications.draft_save(
        application=application,
        actor=application.learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts=dict(zip(questions, texts, strict=False)),
            links={},
            transcripts={},
            intended_actions="Share what I learned at the next team meeting.",
        ),
    )


def _submitted(learner: User, badge: Badge) -> Application:
    application = applications.application_start(learner=learner, badge=badge)
    _write(application, [GS1, GS2])
    return applications.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )


def _decide(application: Application, assessor: User, outcome: str) -> bool:
    """Decide the application if it is the next in the queue (the demo's queue is empty when
    the team is loaded); otherwise leave it waiting."""
    claimed = assessment.claim_next(issuer=application.badge.issuer, assessor=assessor)
    if claimed is None:
        return False
    if claimed.pk != application.pk:
        assessment.claim_release(application=claimed, actor=assessor)
        return False
    rubric = assessment.rubric_ensure(version=application.version)
    mark = 1 if outcome == "award" else 0
    scores = {qr.question_id: mark for qr in assessment.question_rubrics(rubric)}
    feedback = (
        {str(q): "Say more about how you will use badges in supervision." for q in scores}
        if outcome == "return"
        else {}
    )
    assessment.decision_record(
        application=claimed, actor=assessor, outcome=outcome, scores=scores, feedback=feedback
    )
    return True


def _state(state: str, learner: User, manager: User, assessor: User, issuer_admin: User) -> None:
    started = Badge.objects.get(slug=GETTING_STARTED)
    video = Badge.objects.get(slug=VIDEO_CHATS)
    if state == "drafting":
        _write(applications.application_start(learner=learner, badge=started), [GS1])
    elif state == "shared":
        application = applications.application_start(learner=learner, badge=started)
        _write(application, [GS1, GS2])
        review.review_invite(application=application, actor=learner, email=manager.email)
    elif state == "asked_again":
        application = applications.application_start(learner=learner, badge=video)
        _write(application, [VC1])
        shared = review.review_accept(
            review=review.review_invite(
                application=application, actor=learner, email=manager.email
            ),
            actor=manager,
        )
        review.review_submit(
            review=shared,
            actor=manager,
            comments={},
            checklist=["criteria", "identifying"],
            overall_note="A good start: say what you will do differently.",
            verdict=Review.Verdict.NEEDS_WORK,
        )
        _write(application, [VC1, VC2])
        review.review_ask_again(review=shared, actor=learner)
        recorded = discussion.discussion_record(
            application=application,
            actor=learner,
            participants="My manager and two colleagues, at a team meeting",
            held_on=application.created_at.date(),
            agreed="We agreed to use waiting rooms and passcodes for every family call.",
            show_on_award=True,
        )
        discussion.discussion_ask_confirmation(
            discussion=recorded, actor=learner, email=manager.email
        )
    elif state == "submitted":
        _submitted(learner, started)
    elif state == "returned":
        _decide(_submitted(learner, started), assessor, "return")
    elif state == "awarded":
        if _decide(_submitted(learner, started), assessor, "award"):
            # Kirsty celebrates it with her organisation and offers to help colleagues (tips 7, 8).
            award = Award.objects.get(recipient=learner, badge=started)
            organisation = Organisation.objects.get(slug=ORGANISATION)
            sharing.celebration_agree(award=award, organisation=organisation, user=learner)
            sharing.coaching_offer(user=learner, badge=started)
    elif state == "endorsement_due":
        # The issuer's admin requires a manager's endorsement while this award is made, then
        # stops, so the rest of the demo catalogue is as it was (the award keeps its due date).
        badge_endorsement_rule_set(badge=started, days=90, actor=issuer_admin)
        _decide(_submitted(learner, started), assessor, "award")
        badge_endorsement_rule_set(badge=started, days=None, actor=issuer_admin)


def load_demo_team(
    *,
    organisation: Organisation,
    manager: User,
    assessor: User,
    issuer_admin: User,
    password: str,
) -> list[str]:
    """Add the team once (a learner already in the organisation is left as they are)."""
    created = []
    for email, name, state in TEAM:
        learner = User.objects.filter(email=email).first()
        if learner is not None:
            continue
        learner = user_create(email=email, name=name, password=password, verified=True)
        membership = teams.membership_invite(
            organisation=organisation, user=learner, role=Membership.Role.STAFF, actor=manager
        )
        teams.membership_accept(membership=membership, actor=learner)
        _state(state, learner, manager, assessor, issuer_admin)
        created.append(f"team member {name} ({state})")
    return created
