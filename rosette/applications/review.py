"""Manager review (C4): a learner shares a draft with a manager or tutor, who reads it against
the checklist of DESIGN rule 10, comments on each question, and says whether it is ready; once
the badge is awarded, the learner's intended actions become follow-ups on the reviewer's list.

Sharing is never required and always revocable. Invitations go by email with a token link; the
review binds to the account that holds the invited address, verified (allauth EmailAddress), so
a forwarded link is no use to anyone else. No deadlines anywhere (DESIGN rule 12).

Public functions for other apps:

- ``reviews_for_learner(application=)``: what the learner sees beside their draft;
- ``reviews_shared_with_issuer(application=)``: what the assessor may see, if the learner chose;
- ``followups_create_for_award(application=, award=)``: called by the award decision.
"""

from __future__ import annotations

import difflib
import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import F, Max, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rosette import privacy
from rosette.accounts.models import User
from rosette.applications.models import Application, FollowUp, Review, ReviewComment
from rosette.catalogue.models import Question
from rosette.core.email import send_email_on_commit
from rosette.core.models import AuditEvent, record_event

# What managers check before evidence is submitted: shared/seeds/002_…, tip 5 (DESIGN rule 10).
CHECKLIST: list[tuple[str, Any]] = [
    ("criteria", gettext_lazy("The evidence meets the badge criteria and requirements")),
    ("understood", gettext_lazy("They have understood what they were asked to learn about")),
    ("activities", gettext_lazy("They have undertaken all the activities asked of them")),
    (
        "learning_points",
        gettext_lazy(
            "They have identified important learning points that fit their own development "
            "and the service"
        ),
    ),
    (
        "policies",
        gettext_lazy(
            "They have related the learning to the policies and procedures of your organisation"
        ),
    ),
    ("identifying", gettext_lazy("There is nothing in it that could identify individuals")),
]
CHECKLIST_KEYS = frozenset(key for key, _label in CHECKLIST)

# DESIGN rule 12, said where managers look.
NOT_COMPETENCE = gettext_lazy(
    "Badges show learning, not competence, and never replace mandatory training."
)
NEVER_COMPULSORY = gettext_lazy(
    "Badges should never be made compulsory or given deadlines: people learn best at their "
    "own pace."
)

INVITES_PER_DAY = 10
MAX_COMMENT_CHARS = 10_000
INVITE_ACTION = "applications:review:invite"


class ReviewError(Exception):
    """A rule of manager review was broken; the message is for the person who tried."""


class WrongAccount(ReviewError):
    """The signed-in person is not the one the invitation was sent to."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def mask_email(email: str) -> str:
    """``jo.carer@example.org`` → ``j***@example.org``: enough to recognise, not to harvest."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def invitation_url(token: str) -> str:
    return reverse("reviews:accept", kwargs={"token": token})


def _require_learner(application: Application, actor: User) -> None:
    if actor is None or actor.pk != application.learner_id:
        raise PermissionError("Only the learner can share their application.")


# --- the learner's side -------------------------------------------------------------------


@transaction.atomic
def review_invite(
    *, application: Application, actor: User, email: str, share_with_issuer: bool = False
) -> Review:
    """Share the draft with a manager or tutor: they get an email with an invitation link.

    Inviting an address again (the email went astray) sends a fresh link and the old one stops
    working. At most ``INVITES_PER_DAY`` invitations per learner a day. The returned review
    carries the raw token as ``review.token`` (it is stored only as a hash)."""
    _require_learner(application, actor)
    application = Application.objects.select_for_update().get(pk=application.pk)
    email = email.strip().lower()
    if not application.is_editable:
        raise ReviewError(_("You can only share a draft before you submit it."))
    if EmailAddress.objects.filter(user_id=application.learner_id, email__iexact=email).exists():
        raise ReviewError(_("Enter the email address of your manager or tutor, not your own."))
    since = timezone.now() - timedelta(days=1)
    sent = AuditEvent.objects.filter(action=INVITE_ACTION, actor=actor, at__gte=since).count()
    if sent >= INVITES_PER_DAY:
        raise ReviewError(
            _("You have sent %(n)s invitations today. You can send more tomorrow.")
            % {"n": INVITES_PER_DAY}
        )
    token = secrets.token_urlsafe(32)
    review = Review.objects.active().filter(application=application, invited_email=email).first()
    if review is not None and review.reviewer_id is not None:
        raise ReviewError(
            _("You have already shared this draft with %(email)s.") % {"email": email}
        )
    if review is None:
        review = Review.objects.create(
            application=application,
            invited_email=email,
            token_hash=_hash(token),
            share_with_issuer=share_with_issuer,
        )
    else:
        review.token_hash = _hash(token)
        review.share_with_issuer = share_with_issuer
        review.save(update_fields=["token_hash", "share_with_issuer", "updated_at"])
    record_event(
        action=INVITE_ACTION,
        subject=review,
        actor=actor,
        data={"application": str(application.public_id), "issuer": share_with_issuer},
    )
    send_email_on_commit(
        to=[email],
        subject=_("%(name)s asks you to check their evidence for %(badge)s")
        % {"name": application.learner.name, "badge": application.badge.name},
        template="applications/review/email_invitation.txt",
        context={
            "application": application,
            "url": invitation_url(token),
            "not_competence": NOT_COMPETENCE,
            "never_compulsory": NEVER_COMPULSORY,
        },
    )
    review.token = token  # type: ignore[attr-defined]  # raw token, not stored
    return review


@transaction.atomic
def review_revoke(*, review: Review, actor: User) -> Review:
    """Stop sharing: the reviewer can no longer open the draft, the invitation link stops
    working, and the reviewer's follow-ups of it go from their list."""
    _require_learner(review.application, actor)
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.revoked_at is None:
        review.revoked_at = timezone.now()
        review.save(update_fields=["revoked_at", "updated_at"])
        record_event(action="applications:review:revoke", subject=review, actor=actor)
    return review


# --- the reviewer's side ------------------------------------------------------------------


def holds_address(user: User, email: str) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def acceptance_problem(*, review: Review, user: User) -> str | None:
    """Why this person cannot accept the invitation, or None when they can."""
    if user.pk == review.application.learner_id:
        return _("This is your own draft: ask your manager or tutor to open the invitation.")
    if review.reviewer_id is not None and review.reviewer_id != user.pk:
        raise Http404  # someone else's review now
    if review.reviewer_id is None and not holds_address(user, review.invited_email):
        masked = mask_email(review.invited_email)
        if EmailAddress.objects.filter(user=user, email__iexact=review.invited_email).exists():
            return _(
                "This invitation was sent to %(email)s. Confirm that address first: we sent "
                "you a link when you added it."
            ) % {"email": masked}
        return _(
            "This invitation was sent to %(email)s. Sign in with that address, or add it to "
            "your account and confirm it."
        ) % {"email": masked}
    return None


@transaction.atomic
def review_accept(*, review: Review, actor: User) -> Review:
    """The invited person opens the draft: the review is theirs from now on."""
    review = Review.objects.select_for_update().select_related("application").get(pk=review.pk)
    if review.revoked_at is not None:
        raise Http404
    problem = acceptance_problem(review=review, user=actor)
    if problem is not None:
        raise WrongAccount(problem)
    if review.reviewer_id is None:
        review.reviewer = actor
        review.accepted_at = timezone.now()
        review.save(update_fields=["reviewer", "accepted_at", "updated_at"])
        record_event(action="applications:review:accept", subject=review, actor=actor)
    return review


@transaction.atomic
def review_submit(
    *,
    review: Review,
    actor: User,
    comments: Mapping[int, str],
    checklist: Sequence[str],
    overall_note: str,
    verdict: str,
    privacy_reason: str = "",
) -> Review:
    """The reviewer's comments per question, the checklist, an overall note and whether the
    draft is ready. Sending again replaces the earlier comments. The learner is told.

    Comments that could identify someone (rosette.privacy) are refused unless the reviewer
    says why they do not (``privacy_reason``, kept in the audit trail)."""
    review = (
        Review.objects.select_for_update()
        .select_related("application__badge", "application__learner")
        .get(pk=review.pk)
    )
    if review.revoked_at is not None or review.reviewer_id != getattr(actor, "pk", None):
        raise Http404
    application = review.application
    if not application.is_editable:
        raise ReviewError(
            _("%(name)s has already submitted this application.")
            % {"name": application.learner.get_short_name()}
        )
    if verdict not in Review.Verdict.values:
        raise ReviewError(_("Say whether the draft is ready to submit or needs work."))
    question_ids = set(application.version.questions.values_list("id", flat=True))
    wanted = {
        qid: text.strip()[:MAX_COMMENT_CHARS]
        for qid, text in comments.items()
        if qid in question_ids and text.strip()
    }
    note = overall_note.strip()[:MAX_COMMENT_CHARS]
    found = sum(len(privacy.unexplained(text)) for text in [*wanted.values(), note])
    if found and not privacy_reason.strip():
        raise ReviewError(_("Change what could identify someone, or say why it does not."))
    existing = {c.question_id: c for c in review.comments.all()}
    ReviewComment.objects.filter(review=review).exclude(question_id__in=wanted).delete()
    changed = []
    for qid, text in wanted.items():
        comment = existing.get(qid)
        if comment is None:
            ReviewComment.objects.create(review=review, question_id=qid, text=text)
        elif comment.text != text:
            comment.text = text
            changed.append(comment)
    ReviewComment.objects.bulk_update(changed, ["text", "updated_at"])
    review.checklist = [key for key, _label in CHECKLIST if key in set(checklist)]
    review.overall_note = note
    review.verdict = verdict
    review.reviewed_at = timezone.now()
    review.answers_at_review = answers_now(application)
    review.save(
        update_fields=[
            "checklist",
            "overall_note",
            "verdict",
            "reviewed_at",
            "answers_at_review",
            "updated_at",
        ]
    )
    record_event(
        action="applications:review:submit",
        subject=review,
        actor=actor,
        data={
            "verdict": verdict,
            "comments": len(wanted),
            "checklist": review.checklist,
            **(
                {"privacy_findings": found, "privacy_reason": privacy_reason.strip()}
                if found
                else {}
            ),
        },
    )
    send_email_on_commit(
        to=[application.learner.email],
        subject=_("%(name)s has checked your draft for %(badge)s")
        % {"name": actor.name or actor.email, "badge": application.badge.name},
        template="applications/review/email_reviewed.txt",
        context={"application": application, "review": review, "reviewer": actor},
    )
    return review


def answers_now(application: Application) -> dict[str, str]:
    """The text of each answer of the current attempt, keyed by question id ("whole" for the
    statement as a whole): what the reviewer read."""
    attempt = application.attempts.order_by("-number").first()
    if attempt is None:
        return {}
    return {
        str(answer.question_id or "whole"): answer.text or answer.transcript
        for answer in attempt.answers.all()
    }


@transaction.atomic
def review_ask_again(*, review: Review, actor: User) -> Review:
    """After the reviewer's comments, the learner asks them to look again (the draft changed,
    or not). The reviewer is told by email and sees it on their home. Once per round: asking
    again waits for their next comments."""
    _require_learner(review.application, actor)
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("application__badge", "application__learner", "reviewer")
        .get(pk=review.pk)
    )
    application = review.application
    if review.revoked_at is not None:
        raise Http404
    if not application.is_editable:
        raise ReviewError(_("You can only ask for another look before you submit."))
    if review.reviewer is None or review.reviewed_at is None:
        raise ReviewError(_("They have not sent their comments yet."))
    if review.asked_again:
        raise ReviewError(_("You have already asked them to look again."))
    review.asked_again_at = timezone.now()
    review.save(update_fields=["asked_again_at", "updated_at"])
    record_event(action="applications:review:ask_again", subject=review, actor=actor)
    send_email_on_commit(
        to=[review.reviewer.email],
        subject=_("%(name)s asks you to look again at their draft for %(badge)s")
        % {"name": application.learner.name, "badge": application.badge.name},
        template="applications/review/email_ask_again.txt",
        context={"application": application, "review": review},
    )
    return review


@dataclass(frozen=True)
class Change:
    """A run of words the same, added or removed."""

    kind: str  # "same", "added" or "removed"
    text: str


MAX_DIFF_WORDS = 20_000


def changes(before: str, after: str) -> list[Change]:
    """What changed between two texts, word by word (bounded: very long texts are compared
    as a whole)."""
    old, new = before.split(), after.split()
    if len(old) + len(new) > MAX_DIFF_WORDS:
        return [Change("removed", before), Change("added", after)]
    runs: list[Change] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(Change("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append(Change("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append(Change("added", " ".join(new[j1:j2])))
    return runs


def changes_since_review(review: Review) -> dict[str, list[Change]]:
    """For each answer that changed since the reviewer's last comments, what changed
    ({question id or "whole": runs}); empty before their first comments."""
    if review.reviewed_at is None:
        return {}
    before = review.answers_at_review or {}
    now = answers_now(review.application)
    return {
        key: changes(before.get(key, ""), text)
        for key, text in now.items()
        if text != before.get(key, "")
    }


@transaction.atomic
class AwardMade(Protocol):
    """The award just made (an ``awards.Award``: the workflow sits below awards, so names it
    by what it reads)."""

    pk: Any
    code: str


def followups_create_for_award(*, application: Application, award: AwardMade) -> list[FollowUp]:
    """Once the badge is awarded, what the learner said they would do differently goes on the
    list of each manager or tutor who checked the draft (and still has it shared). Called by
    the award decision; calling it twice creates nothing more."""
    attempt = application.attempts.order_by("-number").first()
    actions = attempt.intended_actions.strip() if attempt is not None else ""
    if not actions:
        return []
    created = []
    reviews = (
        Review.objects.active()
        .filter(application=application, reviewer__isnull=False)
        .select_related("reviewer")
    )
    for review in reviews:
        followup, is_new = FollowUp.objects.get_or_create(
            review=review, award=award, defaults={"actions": actions}
        )
        if not is_new:
            continue
        created.append(followup)
        record_event(
            action="applications:followup:create",
            subject=followup,
            actor=None,
            data={"award": award.code, "review": str(review.public_id)},
        )
        assert review.reviewer is not None
        send_email_on_commit(
            to=[review.reviewer.email],
            subject=_("%(name)s has been awarded %(badge)s")
            % {"name": application.learner.name, "badge": application.badge.name},
            template="applications/review/email_followup.txt",
            context={
                "application": application,
                "followup": followup,
                "not_competence": NOT_COMPETENCE,
                "never_compulsory": NEVER_COMPULSORY,
            },
        )
    return created


@transaction.atomic
def followup_update(*, followup: FollowUp, actor: User, done: bool, note: str) -> FollowUp:
    """The reviewer marks a follow-up done (or not yet) and keeps a note of it."""
    followup = FollowUp.objects.select_for_update().select_related("review").get(pk=followup.pk)
    review = followup.review
    if review.revoked_at is not None or review.reviewer_id != getattr(actor, "pk", None):
        raise Http404
    if done and followup.done_at is None:
        followup.done_at = timezone.now()
    elif not done:
        followup.done_at = None
    followup.note = note.strip()[:MAX_COMMENT_CHARS]
    followup.save(update_fields=["done_at", "note", "updated_at"])
    record_event(
        action="applications:followup:update",
        subject=followup,
        actor=actor,
        data={"done": done},
    )
    return followup


# --- guarded reads (STYLE.md point 3) -------------------------------------------------------


def invitation_for_token(*, token: str) -> Review:
    """The invitation a link opens, or 404 (unknown, replaced by a newer link, or revoked)."""
    try:
        return (
            Review.objects.active()
            .select_related("application__badge", "application__learner")
            .get(token_hash=_hash(token))
        )
    except Review.DoesNotExist as exc:
        raise Http404 from exc


def review_for_reviewer(*, user: User, public_id: Any) -> Review:
    """A review the signed-in person was invited to and accepted, not revoked; or 404."""
    try:
        return (
            Review.objects.active()
            .select_related(
                "application__badge__issuer", "application__learner", "application__version"
            )
            .prefetch_related(
                Prefetch("application__version__questions", Question.objects.order_by("position"))
            )
            .get(public_id=public_id, reviewer=user)
        )
    except (Review.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def review_for_learner(*, application: Application, public_id: Any) -> Review:
    """One of the learner's shares of their application (the application already guarded)."""
    try:
        return Review.objects.active().get(application=application, public_id=public_id)
    except (Review.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def followup_for_reviewer(*, user: User, public_id: Any) -> FollowUp:
    try:
        return FollowUp.objects.select_related("review__application__learner", "award__badge").get(
            public_id=public_id, review__reviewer=user, review__revoked_at__isnull=True
        )
    except (FollowUp.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


# --- reads for pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionComment:
    question: Question
    text: str


@dataclass(frozen=True)
class ReviewSummary:
    """A review as the learner (or, if they chose, the assessor) reads it."""

    review: Review
    reviewer_name: str
    verdict: str
    verdict_label: str
    overall_note: str
    reviewed_at: datetime | None
    checked: list[Any]
    unchecked: list[Any]
    comments: list[QuestionComment] = field(default_factory=list)

    @property
    def public_id(self) -> Any:
        return self.review.public_id

    @property
    def ready(self) -> bool:
        return self.verdict == Review.Verdict.READY

    @property
    def comments_by_question(self) -> dict[int, str]:
        return {c.question.id: c.text for c in self.comments}


def _summaries(reviews: Any) -> list[ReviewSummary]:
    rows = (
        reviews.filter(reviewed_at__isnull=False)
        .select_related("reviewer")
        .prefetch_related(Prefetch("comments", ReviewComment.objects.select_related("question")))
    )
    summaries = []
    for review in rows.order_by("-reviewed_at"):
        ticked = set(review.checklist)
        reviewer = review.reviewer
        summaries.append(
            ReviewSummary(
                review=review,
                reviewer_name=(reviewer.name or reviewer.email) if reviewer else _("A reviewer"),
                verdict=review.verdict,
                verdict_label=review.get_verdict_display(),
                overall_note=review.overall_note,
                reviewed_at=review.reviewed_at,
                checked=[label for key, label in CHECKLIST if key in ticked],
                unchecked=[label for key, label in CHECKLIST if key not in ticked],
                comments=[
                    QuestionComment(c.question, c.text)
                    for c in sorted(review.comments.all(), key=lambda c: c.question.position)
                ],
            )
        )
    return summaries


def reviews_for_learner(*, application: Application) -> list[ReviewSummary]:
    """The comments the learner's reviewers have sent, newest first (two queries). Each has
    ``comments_by_question`` ({question id: comment}) to show beside each question."""
    return _summaries(Review.objects.active().filter(application=application))


def reviews_shared_with_issuer(*, application: Application) -> list[ReviewSummary]:
    """Reviews the learner chose to share with the issuer, for the assessment page."""
    return _summaries(
        Review.objects.active().filter(application=application, share_with_issuer=True)
    )


def shares_of(*, application: Application) -> list[Review]:
    """Everyone the learner has shared this application with (not revoked)."""
    return list(Review.objects.active().filter(application=application).select_related("reviewer"))


@dataclass(frozen=True)
class ReviewerLists:
    drafts: list[Review]
    followups: list[FollowUp]

    @property
    def open_followups(self) -> list[FollowUp]:
        return [f for f in self.followups if f.done_at is None]


def lists_for_reviewer(*, user: User) -> ReviewerLists:
    """Drafts shared with this person that can still change, and their follow-ups, not yet done
    first (two queries, however long the lists)."""
    drafts = list(
        Review.objects.active()
        .filter(reviewer=user, application__status__in=Application.EDITABLE_STATUSES)
        .select_related("application__badge", "application__learner")
        .order_by("-application__updated_at")
    )
    followups = list(
        FollowUp.objects.filter(review__reviewer=user, review__revoked_at__isnull=True)
        .select_related("review__application__learner", "award__badge")
        .order_by(F("done_at").desc(nulls_first=True), "-created_at")
    )
    return ReviewerLists(drafts=drafts, followups=followups)


# --- the manager's home (rosette/managers) ---------------------------------------------------


def invitations_for_addresses(*, emails: Sequence[str]) -> list[Review]:
    """Invitations to check a draft, sent to any of these (verified) addresses and not yet
    opened, so that a manager sees them on their home before any email is read."""
    if not emails:
        return []
    return list(
        Review.objects.active()
        .filter(
            reviewer__isnull=True,
            invited_email__in=[e.lower() for e in emails],
            application__status__in=Application.EDITABLE_STATUSES,
        )
        .select_related("application__badge", "application__learner")
        .order_by("-created_at")
    )


def invitation_for_invitee(*, public_id: Any, emails: Sequence[str]) -> Review:
    """An unopened invitation to one of these (verified) addresses; 404 otherwise."""
    try:
        return (
            Review.objects.active()
            .select_related("application__badge", "application__learner")
            .get(
                public_id=public_id,
                reviewer__isnull=True,
                invited_email__in=[e.lower() for e in emails],
            )
        )
    except (Review.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def shared_with_reviewer(*, user: User) -> list[Review]:
    """Every draft shared with this person and opened, not revoked, with ``changed_at`` (the
    last change to the learner's evidence) and the application's status: drafts and returned
    applications first, then those the learner has since submitted, newest first."""
    return list(
        Review.objects.active()
        .filter(reviewer=user)
        # A declined application is never shown to the manager (issue 15).
        .exclude(
            application__status__in=[Application.Status.WITHDRAWN, Application.Status.DECLINED]
        )
        .annotate(changed_at=Max("application__attempts__updated_at"))
        .select_related("application__badge", "application__learner")
        .order_by("-application__updated_at")[:200]
    )


@transaction.atomic
def feedback_share(*, application: Application, actor: User, share: bool) -> Application:
    """The learner shows the assessor's feedback on their returned application to the managers
    of the organisations where they work (so they can coach), or stops showing it."""
    _require_learner(application, actor)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if share and application.status != Application.Status.RETURNED:
        raise ReviewError(_("You can share the feedback on an application that was returned."))
    application.feedback_shared_at = timezone.now() if share else None
    application.save(update_fields=["feedback_shared_at", "updated_at"])
    record_event(
        action="applications:feedback:share" if share else "applications:feedback:unshare",
        subject=application,
        actor=actor,
    )
    return application
