"""Every change assessment makes: claims, rubrics, decisions, moderation and reminders.

Status changes of an application go through ``applications.workflow.transition`` only (it locks
the row, checks the status and the actor, and audits). The rules of claims, ordering and
concurrency are in docs/adr/0005-assessment-queue.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rosette import privacy
from rosette.accounts import roles
from rosette.accounts.models import User
from rosette.applications import workflow
from rosette.applications.models import Application
from rosette.applications.services import (
    IDENTIFIES_INDIVIDUALS,
    attempt_open_next,
    current_attempt,
)
from rosette.assessment.models import (
    AssessmentSettings,
    Band,
    Claim,
    Decision,
    DeclineReason,
    Moderation,
    QuestionRubric,
    Rubric,
    SlaReminder,
)
from rosette.awards.services import AwardError, award_create
from rosette.catalogue.models import BadgeVersion, Issuer, IssuerStaff
from rosette.core.email import in_language_of, send_email_on_commit
from rosette.core.models import record_event

DEFAULT_BANDS = [
    (0, "Not met", "The answer does not show this yet."),
    (1, "Met", "The answer shows this."),
    (2, "Strong", "The answer shows this well, with reflection and examples from practice."),
]
S = Application.Status


class AssessmentError(Exception):
    """A rule of assessment was broken; the message is for the person who tried."""


class AlreadyDecided(AssessmentError):
    """Someone got there first: the application is no longer waiting for a decision."""


class ClaimLost(AssessmentError):
    """The acting assessor does not hold the application (released, lapsed and taken, or
    reassigned)."""


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


class DecisionRefused(AssessmentError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(_("The decision cannot be recorded yet."))
        self.problems = problems


def settings_for(issuer: Issuer) -> AssessmentSettings:
    """The issuer's assessment settings; the defaults (unsaved) when it has none."""
    found = AssessmentSettings.objects.filter(issuer=issuer).first()
    return found or AssessmentSettings(issuer=issuer)


# --- settings, reasons and rubrics ------------------------------------------------------------


@transaction.atomic
def assessment_settings_update(
    *,
    issuer: Issuer,
    actor: User,
    claim_minutes: int,
    moderation_percent: int,
    reminder_days_left: int,
    moderated_by: str | None = None,
) -> AssessmentSettings:
    """Change how long claims last, the moderated share, who moderates (unchanged when not
    given) and when admins are reminded."""
    if not roles.is_issuer_admin(actor, issuer):
        raise PermissionError("Only an admin of the issuer can change its assessment settings.")
    if moderated_by is not None and moderated_by not in AssessmentSettings.Moderators.values:
        raise AssessmentError(_("Choose who moderates decisions."))
    changes: dict[str, Any] = {
        "claim_minutes": claim_minutes,
        "moderation_percent": moderation_percent,
        "reminder_days_left": reminder_days_left,
    }
    if moderated_by is not None:
        changes["moderated_by"] = moderated_by
    current, _created = AssessmentSettings.objects.update_or_create(issuer=issuer, defaults=changes)
    record_event(action="assessment:settings:update", subject=issuer, actor=actor, data=changes)
    return current


def decline_reasons_ensure(*, issuer: Issuer) -> list[DeclineReason]:
    """The issuer's decline categories, creating the default list the first time."""
    reasons = list(DeclineReason.objects.filter(issuer=issuer).active())
    if reasons or DeclineReason.objects.filter(issuer=issuer).exists():
        return reasons
    DeclineReason.objects.bulk_create(
        [
            DeclineReason(issuer=issuer, slug=slug, label=str(label), position=n)
            for n, (slug, label) in enumerate(DeclineReason.DEFAULTS)
        ],
        ignore_conflicts=True,  # created by a concurrent first use
    )
    return list(DeclineReason.objects.filter(issuer=issuer).active())


@transaction.atomic
def rubric_ensure(*, version: BadgeVersion) -> Rubric:
    """The version's rubric; when it has none, the default: not met / met / strong (0/1/2)
    for each question, passing when every question is met."""
    questions = list(version.questions.all())
    rubric = Rubric.objects.filter(version=version).first()
    if rubric is None:
        every_met = settings_for(version.badge.issuer).default_every_question_met
        rubric, created = Rubric.objects.get_or_create(
            version=version, defaults={"pass_mark": len(questions), "every_question_met": every_met}
        )
        if created:
            record_event(
                action="assessment:rubric:create_default", subject=version, data={"default": True}
            )
    have = set(QuestionRubric.objects.filter(rubric=rubric).values_list("question_id", flat=True))
    for question in questions:
        if question.id in have:
            continue
        question_rubric = QuestionRubric.objects.create(
            rubric=rubric, question=question, criteria=question.guidance, met_score=1
        )
        Band.objects.bulk_create(
            Band(question_rubric=question_rubric, score=s, label=label, description=text)
            for s, label, text in DEFAULT_BANDS
        )
    return rubric


@transaction.atomic
def rubric_set(
    *,
    version: BadgeVersion,
    actor: User | None,
    pass_mark: int,
    every_question_met: bool,
    criteria: Mapping[int, str],
) -> Rubric:
    """Author a draft version's rubric: the pass mark (a total score), whether every question
    must be at least met, and what the assessor looks for in each answer (by question id)."""
    if version.published_at is not None:
        raise AssessmentError(_("A published version's rubric never changes."))
    rubric = rubric_ensure(version=version)
    question_rubrics_ = question_rubrics(rubric)
    most = sum(max((b.score for b in qr.bands.all()), default=0) for qr in question_rubrics_)
    if not 0 < pass_mark <= most:
        raise AssessmentError(
            _("The pass mark must be between 1 and %(most)s, the highest total score.")
            % {"most": most}
        )
    rubric.pass_mark, rubric.every_question_met = pass_mark, every_question_met
    rubric.save()
    for qr in question_rubrics_:
        if qr.question_id in criteria:
            qr.criteria = criteria[qr.question_id]
            qr.save(update_fields=["criteria", "updated_at"])
    record_event(
        action="assessment:rubric:set",
        subject=version,
        actor=actor,
        data={"pass_mark": pass_mark, "every_question_met": every_question_met},
    )
    return rubric


@transaction.atomic
def rubric_copy(*, source: BadgeVersion, target: BadgeVersion, actor: User | None) -> Rubric | None:
    """Start a new draft version's rubric from the version it was copied from: the same pass
    mark, and for each question at the same place, the same criteria and bands."""
    old = Rubric.objects.filter(version=source).first()
    if old is None or Rubric.objects.filter(version=target).exists():
        return None
    rubric = Rubric.objects.create(
        version=target, pass_mark=old.pass_mark, every_question_met=old.every_question_met
    )
    by_position = {qr.question.position: qr for qr in question_rubrics(old)}
    for question in target.questions.all():
        was = by_position.get(question.position)
        if was is None:
            continue
        copy = QuestionRubric.objects.create(
            rubric=rubric, question=question, criteria=was.criteria, met_score=was.met_score
        )
        Band.objects.bulk_create(
            Band(question_rubric=copy, score=b.score, label=b.label, description=b.description)
            for b in was.bands.all()
        )
    record_event(
        action="assessment:rubric:copy",
        subject=target,
        actor=actor,
        data={"from": source.number},
    )
    rubric_ensure(version=target)  # questions added since get the default bands
    return rubric


@transaction.atomic
def decline_reason_add(*, issuer: Issuer, actor: User, label: str) -> DeclineReason:
    """Add a reason assessors can give for declining (recorded, never sent to the learner)."""
    decline_reasons_ensure(issuer=issuer)
    label = label.strip()
    if DeclineReason.objects.filter(issuer=issuer, label__iexact=label, active=True).exists():
        raise AssessmentError(_("There is already a reason with that name."))
    base = slugify(label)[:30] or "reason"
    slug, n = base, 1
    while DeclineReason.objects.filter(issuer=issuer, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    last = DeclineReason.objects.filter(issuer=issuer).order_by("-position").first()
    reason = DeclineReason.objects.create(
        issuer=issuer, slug=slug, label=label, position=(last.position + 1) if last else 0
    )
    record_event(
        action="assessment:decline_reason:add", subject=issuer, actor=actor, data={"slug": slug}
    )
    return reason


@transaction.atomic
def decline_reason_retire(*, reason: DeclineReason, actor: User) -> None:
    """Stop offering a reason for declining. Decisions already made keep it."""
    if reason.slug == IDENTIFIES_INDIVIDUALS:
        raise AssessmentError(
            _("This reason is used when evidence could identify someone: it stays.")
        )
    if DeclineReason.objects.filter(issuer=reason.issuer, active=True).count() <= 1:
        raise AssessmentError(_("Assessors need at least one reason for declining."))
    reason.active = False
    reason.save(update_fields=["active", "updated_at"])
    record_event(
        action="assessment:decline_reason:retire",
        subject=reason.issuer,
        actor=actor,
        data={"slug": reason.slug},
    )


@dataclass(frozen=True)
class ScoreResult:
    """How a set of scores stands against a rubric."""

    total: int
    pass_mark: int
    complete: bool  # every question scored
    every_met: bool
    passed: bool
    unscored: list[int] = field(default_factory=list)  # question ids
    not_met: list[int] = field(default_factory=list)


def score(
    rubric: Rubric, question_rubrics: Sequence[QuestionRubric], scores: Mapping[int, int]
) -> ScoreResult:
    """Add up the scores: passed when every question is scored, the total reaches the pass
    mark and (if the rubric says so) every question is at least met."""
    unscored = [qr.question_id for qr in question_rubrics if qr.question_id not in scores]
    not_met = [
        qr.question_id
        for qr in question_rubrics
        if qr.question_id in scores and scores[qr.question_id] < qr.met_score
    ]
    total = sum(scores.get(qr.question_id, 0) for qr in question_rubrics)
    complete = not unscored
    every_met = complete and not not_met
    passed = complete and total >= rubric.pass_mark and (every_met or not rubric.every_question_met)
    return ScoreResult(total, rubric.pass_mark, complete, every_met, passed, unscored, not_met)


def question_rubrics(rubric: Rubric) -> list[QuestionRubric]:
    return list(
        rubric.questions.select_related("question")
        .prefetch_related("bands")
        .order_by("question__position")
    )


# --- claims -----------------------------------------------------------------------------------


def _require_assessor(user: User, issuer: Issuer) -> None:
    if not roles.is_assessor(user, issuer):
        raise PermissionError("Only assessors of this issuer can do that.")


def _expiry(issuer: Issuer, now: datetime) -> datetime:
    return now + timedelta(minutes=settings_for(issuer).claim_minutes)


@transaction.atomic
def claim_next(
    *, issuer: Issuer, assessor: User, now: datetime | None = None
) -> Application | None:
    """Give the assessor the oldest submitted application nobody holds, or None when the queue
    is empty. An assessor holds one application at a time: if they already hold one, that is
    the one they get back (nobody can hoard the front of the queue).

    On PostgreSQL the candidate row is locked with SKIP LOCKED, so two assessors pressing
    "Assess next" at the same moment get different applications; on SQLite transactions are
    IMMEDIATE and serialise.
    """
    _require_assessor(assessor, issuer)
    now = now or timezone.now()
    own = (
        Claim.objects.select_related("application")
        .filter(assessor=assessor, issuer=issuer, application__status=S.SUBMITTED)
        .active(now)
        .order_by("claimed_at")
        .first()
    )
    if own is not None:
        claim_touch(application=own.application, assessor=assessor, now=now)
        return own.application
    held = Claim.objects.filter(application=OuterRef("pk"), expires_at__gt=now)
    passed_over: list[int] = []
    while True:
        candidate = (
            Application.objects.waiting()
            .filter(badge__issuer=issuer)
            .exclude(learner=assessor)
            .exclude(pk__in=passed_over)
            .filter(~Exists(held))
            .select_for_update(skip_locked=True, of=("self",))
            .first()
        )
        if candidate is None:
            return None
        # Read again now that the row is locked: the query above judged "nobody holds it" on
        # the snapshot its statement began with, and another assessor may have committed a
        # claim since (and let go of the row lock, so SKIP LOCKED did not skip it).
        previous = Claim.objects.select_related("assessor").filter(application=candidate).first()
        if _claim(candidate, replacing=previous, issuer=issuer, assessor=assessor, now=now):
            break
        passed_over.append(candidate.pk)  # theirs stands; the next in line is tried
    # The rubric and decline reasons are made, if need be, when the page opens: not here,
    # where a first insert would make a concurrent "Assess next" wait for this transaction.
    record_event(
        action="assessment:claim:take",
        subject=candidate,
        actor=assessor,
        data={"lapsed_from": str(previous.assessor.public_id) if previous else None},
    )
    return candidate


def _claim(
    application: Application,
    *,
    replacing: Claim | None,
    issuer: Issuer,
    assessor: User,
    now: datetime,
) -> bool:
    """Claim an application whose row this transaction has locked. Only a lapsed claim is
    ever replaced, and only if it is still lapsed as it is replaced (its holder may be keeping
    it alive at this moment). False when somebody holds the application."""
    expires = _expiry(issuer, now)
    if replacing is None:
        Claim.objects.create(
            application=application,
            assessor=assessor,
            issuer=issuer,
            claimed_at=now,
            expires_at=expires,
        )
        return True
    return bool(
        Claim.objects.filter(pk=replacing.pk, expires_at__lte=now).update(
            assessor=assessor, issuer=issuer, claimed_at=now, expires_at=expires, updated_at=now
        )
    )


def claim_touch(*, application: Application, assessor: User, now: datetime | None = None) -> bool:
    """Keep the assessor's claim alive while they work on it. False if they do not hold it."""
    now = now or timezone.now()
    issuer = application.badge.issuer
    return bool(
        Claim.objects.filter(application=application, assessor=assessor).update(
            expires_at=_expiry(issuer, now), updated_at=now
        )
    )


@transaction.atomic
def claim_release(*, application: Application, actor: User) -> None:
    """The assessor puts the application back; it keeps its place (submission order)."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    claim = Claim.objects.filter(application=locked).first()
    if claim is None or claim.assessor_id != actor.pk:
        raise ClaimLost(_("You do not hold this application, so there is nothing to release."))
    claim.delete()
    record_event(action="assessment:claim:release", subject=locked, actor=actor)


@transaction.atomic
def claim_reassign(*, application: Application, assessor: User, actor: User) -> Claim:
    """An issuer admin moves a claimed application to another assessor. Only a held
    application can be reassigned: admins never take one from the middle of the queue or
    change its order."""
    issuer = application.badge.issuer
    if not roles.is_issuer_admin(actor, issuer):
        raise PermissionError("Only an admin of the issuer can reassign applications.")
    if not roles.is_assessor(assessor, issuer):
        raise AssessmentError(_("That person is not an assessor for this issuer."))
    if assessor.pk == application.learner_id:
        raise AssessmentError(_("Nobody can assess their own application."))
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != S.SUBMITTED:
        raise AlreadyDecided(_("This application is no longer waiting for a decision."))
    claim = Claim.objects.filter(application=locked).first()
    now = timezone.now()
    if claim is None or not claim.is_active(now):
        raise AssessmentError(
            _(
                "Only an application someone is assessing can be reassigned. The queue's "
                "order is never changed."
            )
        )
    if claim.assessor_id == assessor.pk:
        return claim
    previous = claim.assessor
    claim.assessor = assessor
    claim.claimed_at = now
    claim.expires_at = _expiry(issuer, now)
    claim.save()
    record_event(
        action="assessment:claim:reassign",
        subject=locked,
        actor=actor,
        data={"from": str(previous.public_id), "to": str(assessor.public_id)},
    )
    return claim


# --- decisions --------------------------------------------------------------------------------


def may_moderate(user: User, issuer: Issuer) -> bool:
    """Whether this person moderates for the issuer, by its "who moderates" setting (never
    their own decisions: moderation_record checks that)."""
    if settings_for(issuer).moderated_by == AssessmentSettings.Moderators.ADMINS:
        return roles.is_issuer_admin(user, issuer)
    return roles.is_assessor(user, issuer)


def is_sampled(*, application: Application, attempt_number: int, percent: int) -> bool:
    """Deterministic moderation sampling: the first four bytes of SHA-256 of
    "<application public id>:<attempt number>", modulo 100, below the issuer's percentage.
    The same decision is always in or out; nobody can steer it; over many decisions the share
    matches the percentage."""
    digest = hashlib.sha256(f"{application.public_id}:{attempt_number}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100 < percent


def _check(
    *,
    outcome: str,
    application: Application,
    result: ScoreResult,
    qrs: Sequence[QuestionRubric],
    scores: Mapping[int, int],
    feedback: Mapping[str, str],
    reason: DeclineReason | None,
    privacy_reason: str = "",
) -> list[Problem]:
    problems = []
    bands = {qr.question_id: {b.score for b in qr.bands.all()} for qr in qrs}
    for qr in qrs:
        value = scores.get(qr.question_id)
        if value is not None and value not in bands[qr.question_id]:
            problems.append(Problem(f"score-{qr.question_id}", _("Choose one of the scores.")))
    if outcome in (Decision.Outcome.AWARD, Decision.Outcome.RETURN):
        for qr in qrs:
            if qr.question_id not in scores:
                problems.append(
                    Problem(
                        f"score-{qr.question_id}",
                        _("Score question %(n)s.") % {"n": qr.question.position},
                    )
                )
    if outcome == Decision.Outcome.AWARD and result.complete and not result.passed:
        problems.append(
            Problem(
                "outcome",
                _(
                    "The pass mark is not reached (%(total)s of %(mark)s needed%(met)s), so "
                    "the badge cannot be awarded. Return it for further evidence, or decline it."
                )
                % {
                    "total": result.total,
                    "mark": result.pass_mark,
                    "met": _(", every question met") if not result.every_met else "",
                },
            )
        )
    if outcome == Decision.Outcome.RETURN:
        for qr in qrs:
            if not feedback.get(str(qr.question_id), "").strip():
                problems.append(
                    Problem(
                        f"feedback-{qr.question_id}",
                        _("Write feedback on question %(n)s: the learner needs it to revise.")
                        % {"n": qr.question.position},
                    )
                )
        found = sum(len(privacy.unexplained(t[: privacy.MAX_CHARS])) for t in feedback.values())
        if found and not privacy_reason.strip():
            problems.append(
                Problem(
                    "privacy_reason",
                    _("Change what could identify someone, or say why it does not."),
                )
            )
    if outcome == Decision.Outcome.DECLINE and reason is None:
        problems.append(Problem("reason", _("Choose why the application is declined.")))
    if outcome not in Decision.Outcome.values:
        problems.append(Problem("outcome", _("Choose a decision.")))
    return problems


@transaction.atomic
def decision_record(
    *,
    application: Application,
    actor: User,
    outcome: str,
    scores: Mapping[int, int],
    feedback: Mapping[str, str],
    reason: str = "",
    note: str = "",
    privacy_reason: str = "",
    now: datetime | None = None,
) -> Decision:
    """Decide the current attempt: award (pass mark reached), return for further evidence
    (feedback on every question; a new attempt opens for the learner, who resubmits to the back
    of the queue), or decline (a reason category; no feedback reaches the learner).

    ``feedback`` is keyed by question id as text, and "whole" for the statement as a whole.
    The application row is locked first, so of two decisions, or a decision and the learner
    withdrawing, exactly one wins; the other gets AlreadyDecided and nothing of it is kept.
    """
    now = now or timezone.now()
    locked, claim = _lock_held(application, actor)
    issuer = locked.badge.issuer
    result, decline_reason = _validated(
        locked,
        outcome=outcome,
        scores=scores,
        feedback=feedback,
        reason=reason,
        privacy_reason=privacy_reason,
    )
    attempt = current_attempt(locked)
    submitted_at, due_at = locked.submitted_at, locked.due_at
    assert submitted_at is not None and due_at is not None  # a submitted application has both
    locked = _apply_outcome(
        locked, actor=actor, outcome=outcome, decline_reason=decline_reason, now=now
    )
    keep_feedback = outcome == Decision.Outcome.RETURN
    decision = Decision.objects.create(
        application=locked,
        attempt=attempt,
        issuer=issuer,
        assessor=actor,
        outcome=outcome,
        scores={str(k): v for k, v in scores.items()},
        total=result.total if scores else None,
        pass_mark=result.pass_mark,
        passed=result.passed if scores else None,
        feedback={k: v.strip() for k, v in feedback.items() if v.strip()} if keep_feedback else {},
        reason=decline_reason,
        note=note.strip(),
        submitted_at=submitted_at,
        due_at=due_at,
        created_at=now,
    )
    claim.delete()
    sampled = _sample_for_moderation(
        decision, application=locked, issuer=issuer, attempt_number=attempt.number
    )
    _record_decision(decision, sampled=sampled, privacy_reason=privacy_reason)
    _tell_learner(locked, decision)
    return decision


def _record_decision(decision: Decision, *, sampled: bool, privacy_reason: str) -> None:
    """The decision in the audit trail: its scores' outcome, the decline reason, whether it was
    sampled for moderation, and why identifying feedback was sent anyway."""
    record_event(
        action=f"assessment:decision:{decision.outcome}",
        subject=decision.application,
        actor=decision.assessor,
        data={
            "decision": str(decision.public_id),
            "attempt": decision.attempt.number,
            "total": decision.total,
            "passed": decision.passed,
            "reason": decision.reason.slug if decision.reason else None,
            "moderation": sampled,
            **({"privacy_reason": privacy_reason.strip()} if privacy_reason.strip() else {}),
        },
    )


def _lock_held(application: Application, actor: User) -> tuple[Application, Claim]:
    """Lock the application, still waiting for a decision, and the actor's claim on it; or
    refuse (AlreadyDecided, ClaimLost) before anything is recorded."""
    locked = (
        Application.objects.select_for_update()
        .select_related("badge__issuer", "version", "learner")
        .get(pk=application.pk)
    )
    if locked.status != S.SUBMITTED:
        raise AlreadyDecided(
            _("This application is already %(status)s, so your decision was not recorded.")
            % {"status": locked.get_status_display().lower()}
        )
    claim = Claim.objects.filter(application=locked).first()
    if claim is None or claim.assessor_id != actor.pk:
        raise ClaimLost(
            _(
                "You no longer hold this application (it was released, reassigned, or taken "
                "after your claim lapsed), so your decision was not recorded."
            )
        )
    return locked, claim


def _validated(
    locked: Application,
    *,
    outcome: str,
    scores: Mapping[int, int],
    feedback: Mapping[str, str],
    reason: str,
    privacy_reason: str,
) -> tuple[ScoreResult, DeclineReason | None]:
    """Score the answers against the rubric and check the decision may be recorded as given;
    DecisionRefused lists every problem. Returns the score and the decline reason chosen."""
    rubric = rubric_ensure(version=locked.version)
    qrs = question_rubrics(rubric)
    result = score(rubric, qrs, scores)
    reasons = {r.slug: r for r in decline_reasons_ensure(issuer=locked.badge.issuer)}
    decline_reason = reasons.get(reason) if outcome == Decision.Outcome.DECLINE else None
    problems = _check(
        outcome=outcome,
        application=locked,
        result=result,
        qrs=qrs,
        scores=scores,
        feedback=feedback,
        reason=decline_reason,
        privacy_reason=privacy_reason,
    )
    if problems:
        raise DecisionRefused(problems)
    return result, decline_reason


def _apply_outcome(
    locked: Application,
    *,
    actor: User,
    outcome: str,
    decline_reason: DeclineReason | None,
    now: datetime,
) -> Application:
    """Move the application on: awarded (and the award made), returned (a new attempt opens
    for the learner) or declined (with its reason). Returns the updated row."""
    if outcome == Decision.Outcome.AWARD:
        locked = workflow.transition(locked, action="award", actor=actor, decided_at=now)
        try:
            award_create(
                recipient=locked.learner, badge=locked.badge, actor=actor, application=locked
            )
        except AwardError as exc:
            raise AssessmentError(str(exc)) from exc
        # award_create issues the credential after commit and creates the reviewing
        # managers' follow-ups: everything that follows an award happens in one place.
        return locked
    if outcome == Decision.Outcome.RETURN:
        locked = workflow.transition(locked, action="return", actor=actor)
        attempt_open_next(application=locked)
        return locked
    assert decline_reason is not None
    return workflow.transition(
        locked,
        action="decline",
        actor=actor,
        note=decline_reason.slug,
        decided_at=now,
        decline_reason=decline_reason.slug,
    )


def _sample_for_moderation(
    decision: Decision, *, application: Application, issuer: Issuer, attempt_number: int
) -> bool:
    """Put the decision in the issuer's moderation sample if it falls in it; whether it did."""
    sampled = is_sampled(
        application=application,
        attempt_number=attempt_number,
        percent=settings_for(issuer).moderation_percent,
    )
    if sampled:
        Moderation.objects.create(decision=decision, issuer=issuer)
    return sampled


def _tell_learner(application: Application, decision: Decision) -> None:
    """The decision, emailed in the learner's language (not the assessor's)."""
    with in_language_of(application.learner):
        subjects = {
            Decision.Outcome.AWARD: _("You have been awarded %(badge)s"),
            Decision.Outcome.RETURN: _("Your application for %(badge)s needs more evidence"),
            Decision.Outcome.DECLINE: _("Your application for %(badge)s was not successful"),
        }
        send_email_on_commit(
            to=[application.learner.email],
            subject=subjects[Decision.Outcome(decision.outcome)]
            % {"badge": application.badge.name},
            template=f"email/assessment_{decision.outcome}.txt",
            context={"application": application, "decision": decision},
        )


# --- moderation -------------------------------------------------------------------------------


@transaction.atomic
def moderation_record(
    *, moderation: Moderation, actor: User, outcome: str, note: str
) -> Moderation:
    """A second assessor agrees or disagrees with a sampled decision. A disagreement needs a
    note; it is shown to the issuer's admins. The decision itself stands (it is append-only)."""
    locked = Moderation.objects.select_for_update().select_related("decision").get(pk=moderation.pk)
    _require_assessor(actor, locked.issuer)
    if not may_moderate(actor, locked.issuer):
        raise PermissionError("Only the issuer's admins moderate its decisions.")
    if locked.decision.assessor_id == actor.pk:
        raise PermissionError("A decision is moderated by a different assessor.")
    if locked.done_at is not None:
        raise AssessmentError(_("This decision has already been moderated."))
    if outcome not in Moderation.Outcome.values:
        raise DecisionRefused([Problem("outcome", _("Say whether you agree with the decision."))])
    if outcome == Moderation.Outcome.DISAGREE and not note.strip():
        raise DecisionRefused([Problem("note", _("Say why you disagree."))])
    locked.moderator = actor
    locked.outcome = outcome
    locked.note = note.strip()
    locked.done_at = timezone.now()
    locked.save()
    record_event(
        action=f"assessment:moderation:{outcome}",
        subject=locked.decision.application,
        actor=actor,
        data={"decision": str(locked.decision.public_id), "note": locked.note},
    )
    return locked


# --- staff: suspend, restore, remove (ADR 0015) -------------------------------------------------


def _release_claims_of(user: User, issuer: Issuer, actor: User, why: str) -> int:
    """Put back in the queue, at their places, the applications this person holds."""
    claims = list(Claim.objects.select_related("application").filter(assessor=user, issuer=issuer))
    for claim in claims:
        claim.delete()
        record_event(
            action="assessment:claim:release",
            subject=claim.application,
            actor=actor,
            data={"assessor": str(user.public_id), "why": why},
        )
    return len(claims)


def _require_admin_of(actor: User, staff: IssuerStaff) -> None:
    if not roles.is_issuer_admin(actor, staff.issuer):
        raise PermissionError("Only an admin of the issuer can change its staff.")
    if staff.user_id == actor.pk:
        raise AssessmentError(_("You cannot change your own role: ask another admin."))


def _last_admin(staff: IssuerStaff) -> bool:
    return (
        staff.role == IssuerStaff.Role.ADMIN
        and not IssuerStaff.objects.active()
        .filter(issuer=staff.issuer, role=IssuerStaff.Role.ADMIN)
        .exclude(pk=staff.pk)
        .exists()
    )


@transaction.atomic
def staff_suspend(*, staff: IssuerStaff, actor: User) -> IssuerStaff:
    """Suspend a role: the person can no longer claim (or administer), and the applications
    they hold go back to the queue at their places."""
    _require_admin_of(actor, staff)
    locked = (
        IssuerStaff.objects.select_for_update().select_related("issuer", "user").get(pk=staff.pk)
    )
    if locked.suspended_at is not None:
        return locked
    if _last_admin(locked):
        raise AssessmentError(_("An issuer needs at least one admin who is not suspended."))
    locked.suspended_at = timezone.now()
    locked.save(update_fields=["suspended_at", "updated_at"])
    record_event(
        action="assessment:staff:suspend",
        subject=locked,
        actor=actor,
        data={"user": str(locked.user.public_id), "role": locked.role},
    )
    if not roles.is_assessor(locked.user, locked.issuer):  # no other role still lets them
        _release_claims_of(locked.user, locked.issuer, actor, "suspended")
    return locked


@transaction.atomic
def staff_restore(*, staff: IssuerStaff, actor: User) -> IssuerStaff:
    """Lift a suspension."""
    _require_admin_of(actor, staff)
    locked = IssuerStaff.objects.select_for_update().select_related("user").get(pk=staff.pk)
    if locked.suspended_at is None:
        return locked
    locked.suspended_at = None
    locked.save(update_fields=["suspended_at", "updated_at"])
    record_event(
        action="assessment:staff:restore",
        subject=locked,
        actor=actor,
        data={"user": str(locked.user.public_id), "role": locked.role},
    )
    return locked


@transaction.atomic
def staff_remove(*, staff: IssuerStaff, actor: User) -> None:
    """Remove a role. Their decisions stay (append-only); applications they hold go back."""
    _require_admin_of(actor, staff)
    locked = (
        IssuerStaff.objects.select_for_update().select_related("issuer", "user").get(pk=staff.pk)
    )
    if _last_admin(locked):
        raise AssessmentError(_("An issuer needs at least one admin who is not suspended."))
    user, issuer, role = locked.user, locked.issuer, locked.role
    # The event is about the issuer: the role's row is gone once it is removed.
    record_event(
        action="assessment:staff:remove",
        subject=issuer,
        actor=actor,
        data={"user": str(user.public_id), "role": role},
    )
    locked.delete()
    if not roles.is_assessor(user, issuer):
        _release_claims_of(user, issuer, actor, "removed")


# --- service-level reminders ------------------------------------------------------------------


def sla_reminders_send(*, now: datetime | None = None) -> int:
    """Email each issuer's admins about applications that have come within the reminder
    window of their due date, or passed it: once per application, due date and threshold.
    Returns how many applications were reported."""
    now = now or timezone.now()
    reported = 0
    for issuer in Issuer.objects.filter(badges__applications__status=S.SUBMITTED).distinct():
        reported += _remind_issuer(issuer, now)
    return reported


@transaction.atomic
def _remind_issuer(issuer: Issuer, now: datetime) -> int:
    days_left = settings_for(issuer).reminder_days_left
    waiting = Application.objects.waiting().filter(badge__issuer=issuer).select_related("badge")

    def fresh(threshold: str) -> Any:
        sent = SlaReminder.objects.filter(
            application=OuterRef("pk"), due_at=OuterRef("due_at"), threshold=threshold
        )
        return ~Exists(sent)

    T = SlaReminder.Threshold
    overdue = list(waiting.filter(due_at__lte=now).filter(fresh(T.OVERDUE)))
    approaching = list(
        waiting.filter(due_at__gt=now, due_at__lte=now + timedelta(days=days_left)).filter(
            fresh(T.APPROACHING)
        )
    )
    if not overdue and not approaching:
        return 0

    def due(application: Application) -> datetime:
        assert application.due_at is not None  # waiting applications have a due date
        return application.due_at

    SlaReminder.objects.bulk_create(
        [
            SlaReminder(application=a, due_at=due(a), threshold=T.OVERDUE, sent_at=now)
            for a in overdue
        ]
        + [
            SlaReminder(application=a, due_at=due(a), threshold=T.APPROACHING, sent_at=now)
            for a in approaching
        ],
        ignore_conflicts=True,
    )
    admins = list(
        IssuerStaff.objects.active()
        .filter(issuer=issuer, role=IssuerStaff.Role.ADMIN)
        .values_list("user__email", flat=True)
    )
    send_email_on_commit(
        to=admins or [issuer.email],
        subject=_("Assessment deadlines at %(issuer)s") % {"issuer": issuer.name},
        template="email/assessment_sla_reminder.txt",
        context={
            "issuer": issuer,
            "overdue": overdue,
            "approaching": approaching,
            "days_left": days_left,
            "now": now,
        },
    )
    record_event(
        action="assessment:sla:remind",
        subject=issuer,
        data={"overdue": len(overdue), "approaching": len(approaching)},
    )
    return len(overdue) + len(approaching)
