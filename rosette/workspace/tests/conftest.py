from __future__ import annotations

from collections.abc import Callable

import pytest

from rosette.accounts.models import User
from rosette.applications.models import Application
from rosette.assessment import services
from rosette.assessment.models import Decision
from rosette.assessment.tests.conftest import feedback_for, scores_for, submit
from rosette.catalogue.models import Badge, Issuer, IssuerStaff
from tests import factories


@pytest.fixture
def badge(issuer: Issuer) -> Badge:
    return factories.make_badge(
        issuer=issuer,
        name="Video chats",
        slug="video-chats",
        questions=[("What did you learn?", 10), ("How will you stay secure?", 5)],
    )


@pytest.fixture
def other_admin(db: None) -> User:
    """An admin of another issuer: they must see nothing of this one."""
    return factories.make_staff(
        factories.make_issuer(slug="elsewhere"), IssuerStaff.Role.ADMIN, email="else@example.org"
    )


Decide = Callable[..., Application]


@pytest.fixture
def decide(issuer: Issuer, assessor: User, badge: Badge) -> Decide:
    """A learner's application submitted ``days`` ago and decided now, through the services."""

    def make(outcome: str = "award", *, days: int = 3, reason: str = "") -> Application:
        application = submit(factories.make_user(), badge, days=days)
        assert services.claim_next(issuer=issuer, assessor=assessor) == application
        value = 2 if outcome == Decision.Outcome.AWARD else 0
        services.decision_record(
            application=application,
            actor=assessor,
            outcome=outcome,
            scores=scores_for(application, value),
            feedback=feedback_for(application) if outcome == Decision.Outcome.RETURN else {},
            reason=reason,
        )
        application.refresh_from_db()
        return application

    return make
