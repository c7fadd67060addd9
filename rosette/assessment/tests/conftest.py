from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.assessment import services
from rosette.catalogue.models import Badge, Issuer, IssuerStaff
from tests import factories

EVIDENCE = (
    "I learned to check who can see and hear a video call before it starts, to use the "
    "waiting room, and to agree with the person how we will reconnect if the call drops."
)


@pytest.fixture
def badge(issuer: Issuer) -> Badge:
    return factories.make_badge(
        issuer=issuer,
        name="Video chats",
        slug="video-chats",
        questions=[("What did you learn?", 10), ("How will you stay secure?", 5)],
    )


@pytest.fixture
def second_assessor(issuer: Issuer) -> User:
    return factories.make_staff(
        issuer, IssuerStaff.Role.ASSESSOR, email="second@example.org", name="Ruth Second"
    )


def submit(learner: User, badge: Badge, text: str = EVIDENCE, **ago: Any) -> Application:
    """A submitted application, through the services. ``ago`` (e.g. days=3) back-dates the
    submission, as if it had waited that long (the clock cannot be moved in a service call)."""
    application = applications.application_start(learner=learner, badge=badge)
    attempt = applications.current_attempt(application)
    questions = [a.question_id for a in attempt.answers.all() if a.question_id]
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={q: text for q in questions}, links={}, transcripts={}, intended_actions=""
        ),
    )
    application = applications.application_submit(
        application=application,
        actor=learner,
        declaration=True,
        ai_used=False,
        accept_decline=True,  # set-up: under the decline rule, the learner confirmed
    )
    if ago:
        shift = timedelta(**ago)
        assert application.submitted_at is not None and application.due_at is not None
        # Back-dating is test set-up, not a state change: the dates move together.
        Application.objects.filter(pk=application.pk).update(
            submitted_at=application.submitted_at - shift, due_at=application.due_at - shift
        )
        application.attempts.filter(number=attempt.number).update(
            submitted_at=application.submitted_at - shift, due_at=application.due_at - shift
        )
        application.refresh_from_db()
    return application


@pytest.fixture
def make_submitted(badge: Badge) -> Callable[..., Application]:
    def make(learner: User | None = None, **ago: Any) -> Application:
        return submit(learner or factories.make_user(), badge, **ago)

    return make


def scores_for(application: Application, value: int) -> dict[int, int]:
    rubric = services.rubric_ensure(version=application.version)
    return {qr.question_id: value for qr in services.question_rubrics(rubric)}


def feedback_for(application: Application, text: str = "Say more about why.") -> dict[str, str]:
    return {str(q): text for q in scores_for(application, 0)}


def now() -> Any:
    return timezone.now()
