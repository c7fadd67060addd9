"""The manager's home: everything waiting for them, composed from teams, applications,
assessment and awards. What it shows of a member of staff is what the organisations page says
managers see (org_views.MANAGERS_SEE): never a draft that was not shared, never a declined
application, never the assessor's feedback, never a private award page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.http import Http404

from rosette.accounts.models import User
from rosette.applications import discussion as discussions
from rosette.applications import review
from rosette.applications.models import Application, Discussion, FollowUp, Review
from rosette.assessment.selectors import attempt_feedback, projected_decision_date
from rosette.awards import selectors as award_selectors
from rosette.awards.models import Award
from rosette.awards.services import has_manager_endorsement
from rosette.catalogue.models import Badge
from rosette.managers.models import Celebration, CoachingOffer
from rosette.teams import selectors as teams
from rosette.teams.models import Membership, Organisation

LIST_LIMIT = 100


@dataclass(frozen=True)
class Waiting:
    """A submitted application of someone on the team, with when a decision is likely."""

    application: Application
    projected: date | None


@dataclass(frozen=True)
class Returned:
    """A returned application of someone on the team, and the assessor's feedback only if the
    learner chose to show it (``feedback`` is empty otherwise)."""

    application: Application
    feedback: list[tuple[Any, str]]


def _returned(application: Application) -> Returned:
    if application.feedback_shared_at is None:
        return Returned(application, [])
    for attempt in application.attempts.order_by("-number"):
        decision, rows = attempt_feedback(attempt=attempt)
        if decision is not None:
            return Returned(application, rows)
    return Returned(application, [])


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
    returned: list[Returned] = field(default_factory=list)
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
                # changed_at: annotated by review.shared_with_reviewer
                s.reviewed_at and s.changed_at and s.changed_at > s.reviewed_at  # type: ignore[attr-defined]  # annotation
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
        returned=[_returned(a) for a in _team_applications(user, Application.Status.RETURNED)],
        to_endorse=[
            a
            for a in active
            # endorsed_by_me: annotated by the query above
            if a.pk not in due_ids and a.takes_endorsements and not a.endorsed_by_me  # type: ignore[attr-defined]  # annotation
        ][:LIST_LIMIT],
        endorsements_due=sorted(due, key=lambda a: a.endorsement_due_at or a.awarded_at),
        followups=[f for f in review.lists_for_reviewer(user=user).followups if f.done_at is None],
        discussions=discussions.to_confirm(emails=emails),
    )


# --- sharing with colleagues: coaching (tip 7) and celebrations (tip 8) --------------------------


def colleague_ids(*, user: User) -> set[int]:
    """People who share an organisation with this person (both active there), not themselves."""
    organisations = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values(
        "organisation"
    )
    return set(
        Membership.objects.filter(organisation__in=organisations, status=Membership.Status.ACTIVE)
        .exclude(user=user)
        .values_list("user_id", flat=True)
    )


@dataclass(frozen=True)
class Coaches:
    badge: Badge
    people: list[User]


def coaches_for(*, user: User) -> list[Coaches]:
    """For each badge this person is working on, the colleagues who hold it and offered to
    help (their offer open, their award valid now)."""
    badges = list(
        Badge.objects.filter(
            applications__learner=user, applications__status__in=Application.OPEN_STATUSES
        ).distinct()
    )
    colleagues = colleague_ids(user=user)
    found = []
    for badge in badges:
        offers = CoachingOffer.objects.filter(
            badge=badge, withdrawn_at__isnull=True, user_id__in=colleagues
        ).select_related("user")
        holders = set(
            Award.objects.valid_now().filter(badge=badge).values_list("recipient_id", flat=True)
        )
        found.append(Coaches(badge, [o.user for o in offers if o.user_id in holders]))
    return found


@dataclass(frozen=True)
class SharedAward:
    award: Award
    offered: bool
    organisations: list[tuple[Organisation, bool]]


def sharing_of(*, user: User) -> list[SharedAward]:
    """The badges this person holds, whether they offered to coach on each, and in which of
    their organisations' celebration feeds each appears."""
    awards = list(
        Award.objects.valid_now()
        .filter(recipient=user)
        .exclude(visibility=Award.Visibility.PRIVATE)
        .select_related("badge")
        .order_by("-awarded_at")
    )
    offered = set(
        CoachingOffer.objects.filter(user=user, withdrawn_at__isnull=True).values_list(
            "badge_id", flat=True
        )
    )
    employers = teams.employers_of(user=user)
    shared = set(
        Celebration.objects.filter(award__recipient=user, withdrawn_at__isnull=True).values_list(
            "award_id", "organisation_id"
        )
    )
    return [
        SharedAward(
            award=a,
            offered=a.badge_id in offered,
            organisations=[(o, (a.pk, o.pk) in shared) for o in employers],
        )
        for a in awards
    ]


def organisation_for_member(*, user: User, slug: str) -> Organisation:
    """An organisation this person belongs to now (any role); 404 otherwise."""
    organisation = Organisation.objects.filter(
        slug=slug, memberships__user=user, memberships__status=Membership.Status.ACTIVE
    ).first()
    if organisation is None:
        raise Http404
    return organisation


def organisation_for_manager(*, user: User, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(
        slug=slug,
        memberships__user=user,
        memberships__role=Membership.Role.MANAGER,
        memberships__status=Membership.Status.ACTIVE,
    ).first()
    if organisation is None:
        raise Http404
    return organisation


def celebrations(
    *, organisation: Organisation, month: tuple[int, int] | None = None
) -> list[Award]:
    """Awards whose learners agreed to share them with this organisation, and who still work
    there: the badge held, the page not private. Newest first; ``month`` (year, month) limits
    it to the awards made that month."""
    staff = Membership.objects.filter(
        organisation=organisation, status=Membership.Status.ACTIVE
    ).values("user")
    awards = (
        Award.objects.valid_now()
        .filter(
            pk__in=Celebration.objects.filter(
                organisation=organisation, withdrawn_at__isnull=True
            ).values("award"),
            recipient__in=staff,
        )
        .exclude(visibility=Award.Visibility.PRIVATE)
        .select_related("badge__issuer", "recipient")
        .order_by("-awarded_at")
    )
    if month is not None:
        awards = awards.filter(awarded_at__year=month[0], awarded_at__month=month[1])
    return list(awards[:500])


def organisation_for_manager_or_none(*, user: User, slug: str) -> Organisation | None:
    try:
        return organisation_for_manager(user=user, slug=slug)
    except Http404:
        return None


def organisations_managed_by(*, user: User) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            memberships__user=user,
            memberships__role=Membership.Role.MANAGER,
            memberships__status=Membership.Status.ACTIVE,
        ).distinct()
    )
