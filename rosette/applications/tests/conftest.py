from __future__ import annotations

import pytest

from rosette.accounts.models import User
from rosette.applications import services
from rosette.applications.models import Application
from rosette.catalogue.models import Badge, Issuer
from tests import factories

FIFTY = " ".join(["practice"] * 50)


@pytest.fixture
def badge(issuer: Issuer) -> Badge:
    intro = factories.make_badge(issuer=issuer, name="Getting started", slug="getting-started")
    return factories.make_badge(
        issuer=issuer,
        name="Video chats",
        slug="video-chats",
        questions=[("What did you learn?", 20), ("How will you stay secure?", 10)],
        overall_min_words=40,
        prerequisites=[intro],
    )


@pytest.fixture
def application(learner: User, badge: Badge) -> Application:
    return services.application_start(learner=learner, badge=badge)


def fill(application: Application, *, words: int = 25, text: str | None = None) -> None:
    """Write enough (or the given) text in every question, through the service."""
    attempt = services.current_attempt(application)
    questions = [a.question_id for a in attempt.answers.all() if a.question_id]
    body = text if text is not None else " ".join(["reflection"] * words)
    services.draft_save(
        application=application,
        actor=application.learner,
        based_on_revision=attempt.revision,
        draft=services.DraftInput(
            texts={q: body for q in questions}, links={}, transcripts={}, intended_actions=""
        ),
    )


def ready(application: Application) -> None:
    """Prerequisites held and evidence written: ready to submit."""
    for badge in application.badge.prerequisites.all():
        factories.give_badge(application.learner, badge)
    fill(application)
