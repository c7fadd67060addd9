"""The demo world with something in every state a role's pages can show, for the
accessibility sweep and the journeys without JavaScript (issue 20). Built through the services.

The learner holds badges, has a draft shared with their manager (who accepted), an application
waiting for a decision and a risk assessment shared with their team; the assessor holds a
claim; a decision by another assessor waits for moderation. Staff have an authenticator app.
"""

from __future__ import annotations

from dataclasses import dataclass

from rosette.accounts.models import User
from rosette.applications import review
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.assessment import services as assessment
from rosette.catalogue.models import Badge, Issuer, IssuerStaff
from rosette.demo.loader import load_demo
from rosette.toolkits import services as toolkits
from rosette.toolkits.models import Guide
from tests.factories import give_mfa, make_staff

WRITING = (
    "I learned to check who can see and hear a video call before it starts, to use the waiting "
    "room, and to agree how we will reconnect if the call drops. I now do this every time. "
) * 5  # 150 words and more: enough for any demo question


@dataclass
class Person:
    email: str
    home: str
    totp_secret: str | None = None


def _write(application: Application, learner: User) -> None:
    attempt = applications.current_attempt(application)
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={a.question_id: WRITING for a in attempt.answers.all()},
            links={},
            transcripts={},
            intended_actions="Share what I learned with the team at our next meeting.",
        ),
    )


def build_world() -> dict[str, Person]:
    """The demo world, with every state a page can show, through the services."""
    load_demo(awards=True)
    learner = User.objects.get(email="learner@example.org")
    manager = User.objects.get(email="manager@example.org")
    assessor = User.objects.get(email="assessor@example.org")
    admin = User.objects.get(email="admin@example.org")
    issuer = Issuer.objects.get(slug="sssc")

    # The learner: a draft checked by their manager, and an application waiting for a decision.
    draft = applications.application_start(
        learner=learner, badge=Badge.objects.get(slug="oss-passwords")
    )
    _write(draft, learner)
    shared = review.review_invite(application=draft, actor=learner, email=manager.email)
    review.review_accept(review=shared, actor=manager)
    waiting = applications.application_start(
        learner=learner, badge=Badge.objects.get(slug="oss-social-media")
    )
    _write(waiting, learner)
    applications.application_submit(
        application=waiting, actor=learner, declaration=True, ai_used=False
    )

    # A risk assessment, shared with the learner's managers.
    guide = Guide.objects.get(slug="video-based-services")
    version = guide.current_version()
    assert version is not None
    risk = toolkits.assessment_start(
        version=version, actor=learner, setting_name="Day centre", setting_kind="group"
    )
    toolkits.assessment_share(
        assessment=risk,
        actor=learner,
        organisation=learner.memberships.get().organisation,
        with_managers=True,
    )

    # Moderation: every decision sampled; one decision by another assessor waits.
    assessment.assessment_settings_update(
        issuer=issuer, actor=admin, claim_minutes=240, moderation_percent=100, reminder_days_left=7
    )
    other = make_staff(issuer, IssuerStaff.Role.ASSESSOR)
    decided = assessment.claim_next(issuer=issuer, assessor=other)
    assert decided is not None
    assessment.decision_record(
        application=decided, actor=other, outcome="decline", scores={}, feedback={},
        reason="not_own_work",
    )  # fmt: skip

    # The assessor holds the next application in the queue.
    assert assessment.claim_next(issuer=issuer, assessor=assessor) is not None

    return {
        "visitor": Person(email="", home="/"),
        "learner": Person(email=learner.email, home="/home/"),
        "manager": Person(email=manager.email, home="/home/"),
        "assessor": Person(email=assessor.email, home="/home/", totp_secret=give_mfa(assessor)),
        "issuer admin": Person(email=admin.email, home="/home/", totp_secret=give_mfa(admin)),
    }
