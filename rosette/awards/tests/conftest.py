from __future__ import annotations

from typing import Any

import pytest

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.awards.models import Award
from rosette.catalogue.models import Badge, Issuer
from tests import factories

EVIDENCE = (
    "I learned to check who can see and hear a video call before it starts, to use the "
    "waiting room, and to agree with the person how we will reconnect if the call drops."
)


def award_for_application(
    learner: User, badge: Badge, assessor: User, *, text: str = EVIDENCE, link: str = ""
) -> Award:
    """The whole journey through the services: evidence written and submitted, the assessor
    claims it and awards it (assessment's decision calls award_create)."""
    from rosette.assessment import services as assessment

    application = applications.application_start(learner=learner, badge=badge)
    attempt = applications.current_attempt(application)
    questions = [a.question_id for a in attempt.answers.all() if a.question_id]
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={q: text for q in questions},
            links={None: link} if link else {},
            transcripts={},
            intended_actions="",
        ),
    )
    applications.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )
    claimed = assessment.claim_next(issuer=badge.issuer, assessor=assessor)
    assert claimed is not None and claimed.pk == application.pk
    rubric = assessment.rubric_ensure(version=application.version)
    scores = {qr.question_id: 1 for qr in assessment.question_rubrics(rubric)}
    assessment.decision_record(
        application=claimed, actor=assessor, outcome="award", scores=scores, feedback={}
    )
    return Award.objects.get(recipient=learner, badge=badge, application=application)


@pytest.fixture
def badge(issuer: Issuer) -> Badge:
    return factories.make_badge(
        issuer=issuer,
        name="Video chats",
        slug="video-chats",
        questions=[("What did you learn?", 10), ("How will you stay secure?", 5)],
    )


@pytest.fixture
def award(learner: User, badge: Badge, assessor: User) -> Award:
    return award_for_application(learner, badge, assessor)


@pytest.fixture
def pathway(issuer: Issuer) -> tuple[Badge, list[Badge]]:
    components = [
        factories.make_badge(issuer=issuer, name=f"Component {n}", slug=f"component-{n}")
        for n in range(1, 9)
    ]
    oss = factories.make_badge(
        issuer=issuer,
        name="Online safety and security",
        slug="online-safety",
        components=components,
    )
    return oss, components


def team_of(manager: User, *people: User) -> Any:
    """Make people active staff of the manager's organisation (by invitation and consent)."""
    from rosette.teams import services as teams
    from rosette.teams.models import Membership

    organisation = Membership.objects.get(user=manager, role="manager").organisation
    for person in people:
        membership = teams.membership_invite(
            organisation=organisation, user=person, role=Membership.Role.STAFF, actor=manager
        )
        teams.membership_accept(membership=membership, actor=person)
    return organisation
