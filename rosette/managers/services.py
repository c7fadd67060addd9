"""State changes that span teams and the workflow."""

from __future__ import annotations

from rosette.applications import review
from rosette.applications.models import Review
from rosette.teams import selectors as teams
from rosette.teams.models import Membership


def staff_left(*, membership: Membership) -> None:
    """Someone left an employer: the drafts they shared with its managers stop being shared
    (and those managers' follow-ups of them go), so a former manager sees nothing of their
    work. Answers ``teams.hooks.staff_left``; runs inside the leaving's transaction."""
    managers = teams.managers_at(organisation=membership.organisation)
    shares = Review.objects.active().filter(
        application__learner_id=membership.user_id, reviewer__in=managers
    )
    for share in shares.select_related("application"):
        review.review_revoke(review=share, actor=membership.user)
