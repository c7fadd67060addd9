"""Reads for assessment pages, and the access helpers assessors and admins go through.

Counts and service levels are single aggregate queries over indexed ranges: the queue's
``(status, submitted_at)`` index on applications and ``(issuer, created_at)`` on decisions,
so their cost follows the waiting queue and the reporting window, not the size of the history.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from rosette.accounts import roles
from rosette.accounts.models import User
from rosette.applications.models import Answer, Application, Attempt
from rosette.applications.review import reviews_shared_with_issuer
from rosette.applications.selectors import queue_position
from rosette.applications.wordcount import count_words
from rosette.assessment.diff import TextDiff, text_diff
from rosette.assessment.models import Claim, Decision, Moderation, QuestionRubric
from rosette.assessment.services import may_moderate, settings_for
from rosette.catalogue.models import Badge, Issuer, IssuerStaff

QUEUE_PAGE_SIZE = 25
THROUGHPUT_WINDOW_DAYS = 28
S = Application.Status


# --- access helpers ---------------------------------------------------------------------------


def issuers_for_assessor(*, user: User) -> list[Issuer]:
    return roles.issuers_assessed_by(user)


def issuer_for_assessor(*, user: User, slug: str) -> Issuer:
    """An issuer the user assesses for, or 404."""
    issuer = Issuer.objects.filter(slug=slug).first()
    if issuer is None or not roles.is_assessor(user, issuer):
        raise Http404
    return issuer


def issuer_for_admin(*, user: User, slug: str) -> Issuer:
    """An issuer the user administers, or 404."""
    issuer = Issuer.objects.filter(slug=slug).first()
    if issuer is None or not roles.is_issuer_admin(user, issuer):
        raise Http404
    return issuer


def _application_at_issuer(*, user: User, public_id: Any, waiting: bool = True) -> Application:
    """An application at an issuer the user assesses for, waiting for a decision. Anything
    else is 404 for everyone at the issuer: a draft (or a returned application, a draft
    again) is the learner's alone until they submit it, and decided and withdrawn ones have
    nothing left to read. ``waiting=False`` lets decided and withdrawn ones through, never
    drafts, so that a late decision is told why it was not recorded."""
    try:
        application = Application.objects.select_related(
            "badge__issuer", "version", "learner", "claim__assessor"
        ).get(public_id=public_id)
    except (Application.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    if not roles.is_assessor(user, application.badge.issuer):
        raise Http404
    if application.status in Application.EDITABLE_STATUSES or (
        waiting and application.status != S.SUBMITTED
    ):
        raise Http404
    return application


def holds_claim(*, user: User, application: Application) -> bool:
    """Whether the user holds the claim of this application, still waiting for a decision:
    who may read it."""
    claim = getattr(application, "claim", None)
    return claim is not None and claim.assessor_id == user.pk and application.status == S.SUBMITTED


def application_for_assessor(*, user: User, public_id: Any) -> Application:
    """A waiting application with its evidence, for the assessor who holds its claim: 404
    for anyone not at its issuer and for what is not waiting (see above), 403 for everyone
    else at the issuer, admins included (STYLE.md point 3). The queue is first come, first
    served: nobody reads ahead in it."""
    application = _application_at_issuer(user=user, public_id=public_id)
    if not holds_claim(user=user, application=application):
        raise PermissionDenied
    return application


def application_to_decide(*, user: User, public_id: Any) -> Application:
    """An application a decision, a check or a release is sent for: 404 as above, except that
    decided and withdrawn ones are returned, so that the view can refuse (403) whoever does not
    hold it and say why (already decided, held by another, released) without showing it."""
    return _application_at_issuer(user=user, public_id=public_id, waiting=False)


def application_for_reassignment(*, user: User, public_id: Any) -> Application:
    """A claimed application, for an admin of its issuer to see who holds it and move it to
    another assessor; never its evidence. 403 for non-admins and when nobody holds it."""
    application = _application_at_issuer(user=user, public_id=public_id)
    if not roles.is_issuer_admin(user, application.badge.issuer):
        raise PermissionDenied
    if getattr(application, "claim", None) is None:
        raise PermissionDenied
    return application


def moderation_for_assessor(*, user: User, public_id: Any) -> Moderation:
    """A sampled decision for a second assessor of its issuer; 404 for others, 403 for the
    assessor who made the decision."""
    try:
        moderation = Moderation.objects.select_related(
            "decision__application__badge__issuer",
            "decision__application__version",
            "decision__attempt",
            "decision__assessor",
            "decision__reason",
            "moderator",
        ).get(public_id=public_id)
    except (Moderation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    if not roles.is_assessor(user, moderation.issuer):
        raise Http404
    if moderation.decision.assessor_id == user.pk or not may_moderate(user, moderation.issuer):
        raise PermissionDenied
    return moderation


# --- the queue --------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueStats:
    waiting: int
    oldest_submitted_at: datetime | None
    overdue: int
    approaching: int
    now: datetime

    @property
    def oldest_days(self) -> int | None:
        if self.oldest_submitted_at is None:
            return None
        return (self.now - self.oldest_submitted_at).days


def _badge_ids(issuer: Issuer) -> list[int]:
    """The issuer's badges, as a list: filtering the queue by it lets PostgreSQL walk the
    waiting index in order (a join with the badge table, whose statistics are often missing
    for so small a table, can make it sort the whole queue instead)."""
    return list(Badge.objects.filter(issuer=issuer).values_list("pk", flat=True))


def queue_stats(*, issuer: Issuer, now: datetime | None = None) -> QueueStats:
    """Length of the queue, its oldest, and how many are past or near their due date: one
    aggregate over the waiting rows, read from the waiting index alone (no table rows)."""
    now = now or timezone.now()
    days_left = settings_for(issuer).reminder_days_left
    row = (
        Application.objects.filter(status=S.SUBMITTED, badge_id__in=_badge_ids(issuer))
        .order_by()
        .aggregate(
            waiting=Count("*"),
            oldest=Min("submitted_at"),
            # due_at, not pk: the columns counted are in the index (a waiting row has one).
            overdue=Count("due_at", filter=Q(due_at__lte=now)),
            approaching=Count(
                "due_at", filter=Q(due_at__gt=now, due_at__lte=now + timedelta(days=days_left))
            ),
        )
    )
    return QueueStats(row["waiting"], row["oldest"], row["overdue"], row["approaching"], now)


@dataclass(frozen=True)
class QueueRow:
    application: Application
    position: int
    days_waiting: int
    days_left: int
    claim: Claim | None

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return max(0, -self.days_left)


class _CountedPaginator(Paginator):
    """A paginator told how many there are (the queue's stats have just counted them)."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _calendar_days(start: datetime, end: datetime) -> int:
    """Days from one date to another as a calendar counts them (in the service's time zone):
    an application submitted today, due in 28 days, has 28 days left; on its due date, 0."""
    return (timezone.localtime(end).date() - timezone.localtime(start).date()).days


def queue_page(
    *, issuer: Issuer, page: Any = 1, now: datetime | None = None, count: int | None = None
) -> Page[QueueRow]:
    """A page of the queue, oldest first, each row with its waiting time, days left and the
    claim on it (if active). The same few queries however long the queue: the issuer's badges,
    the count (skipped when ``count`` is given: ``queue_stats(…).waiting``) and the page, the
    first rows of the waiting index."""
    now = now or timezone.now()
    rows = (
        Application.objects.waiting()
        .filter(badge_id__in=_badge_ids(issuer))
        .select_related("badge", "claim__assessor")
        .only(
            "public_id",
            "reference",
            "submitted_at",
            "due_at",
            "badge__name",
            "claim__expires_at",
            "claim__assessor__name",
            "claim__assessor__email",
            "claim__assessor_id",
        )
    )
    paginator = (
        Paginator(rows, QUEUE_PAGE_SIZE)
        if count is None
        else _CountedPaginator(rows, QUEUE_PAGE_SIZE, count)
    )
    paginated = paginator.get_page(page)
    start = paginated.start_index()
    items = []
    for offset, application in enumerate(paginated.object_list):
        claim = getattr(application, "claim", None)
        assert application.submitted_at is not None and application.due_at is not None
        items.append(
            QueueRow(
                application=application,
                position=start + offset,
                days_waiting=(now - application.submitted_at).days,
                days_left=_calendar_days(now, application.due_at),
                claim=claim if claim is not None and claim.is_active(now) else None,
            )
        )
    # The same page of the same paginator, its rows shaped for the template.
    return Page(items, paginated.number, paginated.paginator)  # type: ignore[arg-type]  # rows, not models


def claim_held_by(*, user: User, issuer: Issuer, now: datetime | None = None) -> Claim | None:
    """The application this assessor is working on, if any."""
    return (
        Claim.objects.select_related("application__badge")
        .filter(assessor=user, issuer=issuer, application__status=S.SUBMITTED)
        .active(now)
        .order_by("claimed_at")
        .first()
    )


def assessors_of(issuer: Issuer) -> list[Any]:
    return list(
        User.objects.filter(
            issuer_roles__issuer=issuer,
            issuer_roles__role__in=[IssuerStaff.Role.ASSESSOR, IssuerStaff.Role.ADMIN],
            issuer_roles__suspended_at__isnull=True,
        )
        .distinct()
        .order_by("name", "email")
    )


# --- the issuer's people (ADR 0015) ------------------------------------------------------------


@dataclass(frozen=True)
class StaffRow:
    staff: IssuerStaff
    has_mfa: bool
    claims_held: int
    decisions_28_days: int


def staff_overview(*, issuer: Issuer, now: datetime | None = None) -> list[StaffRow]:
    """Each role at the issuer with its person's MFA state, the applications they hold now and
    their decisions in the last 28 days: one query, whatever the size of the history."""
    now = now or timezone.now()
    since = now - timedelta(days=THROUGHPUT_WINDOW_DAYS)
    mfa = Authenticator.objects.filter(user=OuterRef("user"), type=Authenticator.Type.TOTP)
    claims = (
        Claim.objects.filter(
            assessor=OuterRef("user"),
            issuer=issuer,
            expires_at__gt=now,
            application__status=S.SUBMITTED,
        )
        .order_by()
        .values("assessor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    decisions = (
        Decision.objects.filter(assessor=OuterRef("user"), issuer=issuer, created_at__gte=since)
        .order_by()
        .values("assessor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        IssuerStaff.objects.filter(issuer=issuer)
        .select_related("user")
        .annotate(
            has_mfa=Exists(mfa),
            claims_held=Coalesce(Subquery(claims), 0),
            decisions_28_days=Coalesce(Subquery(decisions), 0),
        )
        .order_by("user__name", "user__email", "role")
    )
    return [
        StaffRow(
            staff=row,
            has_mfa=row.has_mfa,  # type: ignore[attr-defined]  # annotated by the query
            claims_held=row.claims_held,  # type: ignore[attr-defined]  # annotated by the query
            decisions_28_days=row.decisions_28_days,  # type: ignore[attr-defined]  # annotated by the query
        )
        for row in rows
    ]


def staff_for_admin(*, user: User, issuer: Issuer, pk: int) -> IssuerStaff:
    """A role at an issuer the user administers, or 404."""
    staff = IssuerStaff.objects.select_related("user", "issuer").filter(pk=pk, issuer=issuer)
    found = staff.first()
    if found is None or not roles.is_issuer_admin(user, issuer):
        raise Http404
    return found


def claims_of_issuer(*, issuer: Issuer, now: datetime | None = None) -> list[Claim]:
    """Applications being assessed now, with who holds them (for reassigning)."""
    now = now or timezone.now()
    return list(
        Claim.objects.filter(issuer=issuer, application__status=S.SUBMITTED)
        .active(now)
        .select_related("application__badge", "assessor")
        .order_by("claimed_at")[:200]
    )


# --- one application, for its assessor --------------------------------------------------------


@dataclass(frozen=True)
class EvidenceItem:
    question: Any  # catalogue.Question, or None for the whole statement
    answer: Answer
    words: int
    question_rubric: QuestionRubric | None
    previous: Answer | None
    diff: TextDiff | None
    transcript_diff: TextDiff | None
    previous_feedback: str


@dataclass(frozen=True)
class AssessmentView:
    application: Application
    attempt: Attempt
    items: list[EvidenceItem]
    previous_attempt: Attempt | None
    previous_decision: Decision | None
    dismissals: list[Any]
    attachments: list[Any]
    reviews: list[Any]


def _attempt_with_evidence(application: Application, number: int) -> Attempt | None:
    return (
        application.attempts.filter(number=number)
        .prefetch_related("answers__question", "attachments", "dismissals__question")
        .first()
    )


def assessment_view(*, application: Application) -> AssessmentView:
    """Everything the assessor reads: the evidence as submitted, with the rubric per
    question; for a resubmission the previous attempt, its feedback and what changed."""
    numbers = application.attempts.order_by("-number").values_list("number", flat=True)[:1]
    attempt = _attempt_with_evidence(application, numbers[0])
    assert attempt is not None
    previous = (
        _attempt_with_evidence(application, attempt.number - 1) if attempt.number > 1 else None
    )
    previous_decision = (
        Decision.objects.filter(attempt=previous).first() if previous is not None else None
    )
    previous_answers = {a.question_id: a for a in previous.answers.all()} if previous else {}
    rubrics = {
        qr.question_id: qr
        for qr in QuestionRubric.objects.filter(rubric__version=application.version)
        .select_related("question")
        .prefetch_related("bands")
    }
    items = []
    answers = sorted(
        attempt.answers.all(),
        key=lambda a: (a.question is None, a.question.position if a.question else 0),
    )
    for answer in answers:
        before = previous_answers.get(answer.question_id)
        items.append(
            EvidenceItem(
                question=answer.question,
                answer=answer,
                words=count_words(answer.text) + count_words(answer.transcript),
                question_rubric=(
                    rubrics.get(answer.question_id) if answer.question_id is not None else None
                ),
                previous=before,
                diff=text_diff(before.text, answer.text) if before is not None else None,
                transcript_diff=(
                    text_diff(before.transcript, answer.transcript)
                    if before is not None and (before.transcript or answer.transcript)
                    else None
                ),
                previous_feedback=(
                    previous_decision.feedback_for(answer.question_id)
                    if previous_decision is not None
                    else ""
                ),
            )
        )
    return AssessmentView(
        application=application,
        attempt=attempt,
        items=items,
        previous_attempt=previous,
        previous_decision=previous_decision,
        dismissals=list(attempt.dismissals.all()),
        attachments=list(attempt.attachments.all()),
        reviews=shared_manager_reviews(application=application),
    )


def shared_manager_reviews(*, application: Application) -> list[Any]:
    """Manager reviews the learner shared with the issuer (C4)."""
    return list(reviews_shared_with_issuer(application=application))


def attempt_feedback(*, attempt: Attempt) -> tuple[Decision | None, list[tuple[Any, str]]]:
    """For the learner: the assessor's feedback on a returned attempt, per question (never
    anything for a declined one)."""
    decision = Decision.objects.filter(attempt=attempt, outcome=Decision.Outcome.RETURN).first()
    if decision is None:
        return None, []
    rows = []
    for answer in sorted(
        attempt.answers.all(),
        key=lambda a: (a.question is None, a.question.position if a.question else 0),
    ):
        text = decision.feedback_for(answer.question_id)
        if text:
            rows.append((answer.question, text))
    return decision, rows


# --- moderation -------------------------------------------------------------------------------


def moderation_queue(*, user: User) -> list[Moderation]:
    """Sampled decisions waiting for a second assessor, oldest first; never one's own; only
    of issuers the person moderates for (their "who moderates" setting)."""
    issuers = [i for i in roles.issuers_assessed_by(user) if may_moderate(user, i)]
    return list(
        Moderation.objects.filter(issuer__in=issuers, done_at__isnull=True)
        .exclude(decision__assessor=user)
        .select_related("decision__application__badge", "decision__assessor", "issuer")
        .order_by("created_at")[:100]
    )


# --- service levels ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DayCount:
    """One bar of the chart: the SVG is 10 units a day wide and 100 high."""

    day: date
    count: int
    height: int  # percent of the tallest bar
    x: int

    @property
    def y(self) -> int:
        return 100 - self.height


@dataclass(frozen=True)
class ServiceLevels:
    stats: QueueStats
    days: list[DayCount]
    decided: int
    on_time: int
    rate_per_day: float
    projected: date | None
    disagreements: list[Moderation]
    pending_moderation: int
    window_days: int
    promised_by: date  # a submission made today is due by this date

    @property
    def behind(self) -> bool:
        """At the pace of recent decisions, a submission made today would be decided after
        the date promised."""
        return self.projected is not None and self.projected > self.promised_by

    @property
    def chart_width(self) -> int:
        return 10 * len(self.days)

    @property
    def on_time_percent(self) -> int | None:
        return round(100 * self.on_time / self.decided) if self.decided else None


def _rate(issuer: Issuer, now: datetime) -> float:
    since = now - timedelta(days=THROUGHPUT_WINDOW_DAYS)
    decided = Decision.objects.filter(issuer=issuer, created_at__gte=since).count()
    return decided / THROUGHPUT_WINDOW_DAYS


def _project(position: int, rate: float, now: datetime) -> date | None:
    if rate <= 0:
        return None
    return timezone.localdate(now + timedelta(days=math.ceil(position / rate)))


def service_levels(*, issuer: Issuer, now: datetime | None = None) -> ServiceLevels:
    """The issuer's queue against its promise: length, oldest, past due; decisions per day
    over the last four weeks and how many kept the promise; a projected decision date for a
    submission made now, at that pace; moderation disagreements. Constant query count."""
    now = now or timezone.now()
    stats = queue_stats(issuer=issuer, now=now)
    today = timezone.localdate(now)
    first_day = today - timedelta(days=THROUGHPUT_WINDOW_DAYS - 1)
    since = timezone.make_aware(datetime.combine(first_day, datetime.min.time()))
    window = Decision.objects.filter(issuer=issuer, created_at__gte=since, created_at__lte=now)
    counts = {
        row["day"]: row["n"]
        for row in window.annotate(
            day=TruncDate("created_at", tzinfo=timezone.get_current_timezone())
        )
        .order_by()
        .values("day")
        .annotate(n=Count("pk"))
    }
    totals = window.order_by().aggregate(
        decided=Count("pk"),
        on_time=Count("pk", filter=Q(created_at__lte=F("due_at"))),
    )
    tallest = max(counts.values(), default=0)
    days = []
    for n in range(THROUGHPUT_WINDOW_DAYS):
        day = first_day + timedelta(days=n)
        count = counts.get(day, 0)
        days.append(
            DayCount(day, count, round(100 * count / tallest) if tallest else 0, 10 * n + 1)
        )
    rate = totals["decided"] / THROUGHPUT_WINDOW_DAYS
    disagreements = list(
        Moderation.objects.filter(issuer=issuer, outcome=Moderation.Outcome.DISAGREE)
        .select_related("decision__application__badge", "decision__assessor", "moderator")
        .order_by("-done_at")[:20]
    )
    pending = Moderation.objects.filter(issuer=issuer, done_at__isnull=True).count()
    return ServiceLevels(
        stats=stats,
        days=days,
        decided=totals["decided"],
        on_time=totals["on_time"],
        rate_per_day=rate,
        projected=_project(stats.waiting + 1, rate, now),
        disagreements=disagreements,
        pending_moderation=pending,
        window_days=THROUGHPUT_WINDOW_DAYS,
        promised_by=today + timedelta(days=issuer.assessment_days),
    )


def projected_decision_date(*, application: Application) -> date | None:
    """When a decision on this submitted application is likely, at the pace of the issuer's
    decisions over the last four weeks (None if not waiting, or no recent decisions)."""
    if application.status != S.SUBMITTED:
        return None
    position = queue_position(application)
    if position is None:
        return None
    now = timezone.now()
    return _project(position, _rate(application.badge.issuer, now), now)
