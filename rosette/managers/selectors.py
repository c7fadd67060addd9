"""The manager's home: everything waiting for them, composed from teams, applications,
assessment and awards. What it shows of a member of staff is what the organisations page says
managers see (org_views.MANAGERS_SEE): never a draft that was not shared, never a declined
application, never the assessor's feedback, never a private award page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rosette.accounts.models import User
from rosette.applications import discussion as discussions
from rosette.applications import review
from rosette.applications.models import Application, Discussion, FollowUp, Review
from rosette.assessment.selectors import projected_decision_date
from rosette.awards import selectors as award_selectors
from rosette.awards.models import Award
from rosette.awards.services import has_manager_endorsement
from rosette.teams import selectors as teams

LIST_LIMIT = 100


@dataclass(frozen=True)
class Waiting:
    """A submitted application of someone on the team, with when a decision is likely."""

    application: Application
    projected: date | None


@dataclass(frozen=True)
class SharedDraft:
    share: Review
    changed_since_comments: bool


@dataclass(frozen=True)
class ManagerHome:
    invitations: list[Review] = field(default_factory=list)
    drafts: list[SharedDraft] = field(default_factory=list)
    submitted_after_review: list[Review] = field(default_factory=list)
    submitted: list[Waiting] = field(default_factory=list)
    returned: list[Application] = field(default_factory=list)
    to_endorse: list[Award] = field(default_factory=list)
    endorsements_due: list[Award] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)
    discussions: list[Discussion] = field(default_factory=list)

    @property
    def nothing_waiting(self) -> bool:
        return not (
            self.invitations
            or self.drafts
            or self.submitted_after_review
            or self.submitted
            or self.returned
            or self.to_endorse
            or self.endorsements_due
            or self.followups
            or self.discussions
        )


def _team_applications(manager: User, status: str) -> list[Application]:
    return list(
        Application.objects.filter(
            learner__in=teams.managed_staff_ids(manager=manager), status=status
        )
        .select_related("badge__issuer", "learner")
        .order_by("-updated_at")[:LIST_LIMIT]
    )


def manager_home(*, user: User, emails: list[str]) -> ManagerHome:
    """Everything waiting for this person as a manager (and as anyone's reviewer): ``emails``
    are the addresses verified on their account, to which review invitations are sent."""
    shares = review.shared_with_reviewer(user=user)
    drafts = [
        SharedDraft(
            share=s,
            changed_since_comments=bool(
                s.reviewed_at and s.changed_at and s.changed_at > s.reviewed_at  # type: ignore[attr-defined]
            ),
        )
        for s in shares
        if s.application.is_editable
    ]
    submitted_after_review = [
        s for s in shares if s.application.status == Application.Status.SUBMITTED
    ]
    awards = award_selectors.team_awards(user=user)
    active = [a for a in awards if a.status == Award.Status.ACTIVE]
    due = [a for a in active if a.endorsement_due_at is not None and not has_manager_endorsement(a)]
    due_ids = {a.pk for a in due}
    return ManagerHome(
        invitations=review.invitations_for_addresses(emails=emails),
        drafts=drafts,
        submitted_after_review=submitted_after_review,
        submitted=[
            Waiting(application=a, projected=projected_decision_date(application=a))
            for a in _team_applications(user, Application.Status.SUBMITTED)
        ],
        returned=_team_applications(user, Application.Status.RETURNED),
        to_endorse=[
            a
            for a in active
            if a.pk not in due_ids and a.takes_endorsements and not a.endorsed_by_me  # type: ignore[attr-defined]
        ][:LIST_LIMIT],
        endorsements_due=sorted(due, key=lambda a: a.endorsement_due_at or a.awarded_at),
        followups=[f for f in review.lists_for_reviewer(user=user).followups if f.done_at is None],
        discussions=discussions.to_confirm(emails=emails),
    )
