"""Applications for badges: attempts, the evidence in them, and drafts that are never lost."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rosette.applications.uploads import EXTENSIONS
from rosette.core.models import BaseModel

_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_reference() -> str:
    """A short reference a learner can read out on the phone, e.g. ``RB-7K3M-9QXD``."""
    chars = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"RB-{chars[:4]}-{chars[4:]}"


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=Application.OPEN_STATUSES)

    def waiting(self) -> ApplicationQuerySet:
        """Submitted and not yet decided: the assessment queue, oldest first."""
        return self.filter(status=Application.Status.SUBMITTED).order_by("submitted_at", "pk")


class Application(BaseModel):
    """A learner's application for a badge, through all its attempts."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for more evidence")
        AWARDED = "awarded", _("Awarded")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(max_length=16, unique=True, default=new_reference)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    badge = models.ForeignKey(
        "catalogue.Badge", on_delete=models.PROTECT, related_name="applications"
    )
    # The requirements the learner started under, kept even if the badge is revised later.
    version = models.ForeignKey(
        "catalogue.BadgeVersion", on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Of the current attempt: the queue is ordered by submitted_at; due_at is the promise.
    submitted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Why it was declined (a category from the issuer's list); never shown as feedback.
    decline_reason = models.CharField(max_length=40, blank=True)
    # The learner chose to show the assessor's feedback to their managers (issue 15).
    feedback_shared_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "badge"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="one_open_application_per_badge",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted")
                | (Q(submitted_at__isnull=False) & Q(due_at__isnull=False)),
                name="submitted_application_has_dates",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="application_queue"),
            # The waiting queue in queue order, with what the queue page counts (ADR 0013): a
            # page is the first rows of it, and the counts never read the table. It holds only
            # what waits, so it stays small however long the history.
            models.Index(
                fields=["submitted_at", "id", "badge", "due_at"],
                name="application_waiting",
                condition=models.Q(status="submitted"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.badge}"

    def get_absolute_url(self) -> str:
        return reverse("applications:detail", kwargs={"public_id": self.public_id})

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def discussion_or_none(self) -> Discussion | None:
        """The recorded discussion task, if any (rule 18)."""
        try:
            return self.discussion  # type: ignore[no-any-return]  # reverse one-to-one: untyped
        except Discussion.DoesNotExist:
            return None


class Attempt(BaseModel):
    """One go at the evidence. A returned application is revised into a new attempt; earlier
    attempts, with their evidence and feedback, stay readable."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    # Bumped on every save of the draft: a save based on an older revision is a conflict.
    revision = models.PositiveIntegerField(default=0)
    # Which open page (tab) made the last save: saves from the same page never conflict.
    last_editor = models.CharField(max_length=32, blank=True)
    intended_actions = models.TextField(_("what you will do differently"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    declaration_version = models.CharField(max_length=20, blank=True)
    declaration_text = models.TextField(blank=True)
    ai_used = models.BooleanField(null=True)
    ai_use = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="unique_attempt_number")
        ]

    def __str__(self) -> str:
        return f"{self.application.reference} attempt {self.number}"


def evidence_upload_to(instance: Any, filename: str) -> str:
    # Never the learner's file name on disk: a random name, the sniffed extension.
    return f"evidence/{uuid.uuid4().hex}{instance.storage_extension}"


class Answer(BaseModel):
    """The evidence for one question, or (question empty) for the whole statement: typed
    text, a link to the learner's blog or portfolio, or an audio/video recording with its
    transcript."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "catalogue.Question", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(blank=True)
    link = models.URLField(max_length=500, blank=True)
    media = models.FileField(upload_to=evidence_upload_to, blank=True)
    media_type = models.CharField(max_length=50, blank=True)
    media_seconds = models.PositiveIntegerField(null=True, blank=True)
    transcript = models.TextField(blank=True)

    class Meta:
        ordering = ["attempt", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_question"),
            models.UniqueConstraint(
                fields=["attempt"],
                condition=Q(question__isnull=True),
                name="one_whole_statement_per_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question or 'the whole statement'}"

    @property
    def storage_extension(self) -> str:
        return EXTENSIONS.get(self.media_type, "")


def attachment_upload_to(instance: Any, filename: str) -> str:
    return f"attachments/{uuid.uuid4().hex}{instance.storage_extension}"


class Attachment(BaseModel):
    """A file that goes with the evidence, such as the completed handout."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=attachment_upload_to)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["attempt", "created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def storage_extension(self) -> str:
        return EXTENSIONS.get(self.content_type, "")


class DraftSnapshot(models.Model):
    """Text that could not be saved over the draft, because the draft had changed elsewhere
    or the application had been submitted meanwhile, is kept here, so that no word is ever
    lost."""

    class Reason(models.TextChoices):
        CONFLICT = "conflict", _("Changed elsewhere")
        AFTER_SUBMISSION = "after_submission", _("Sent after the application was submitted")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="snapshots")
    created_at = models.DateTimeField(auto_now_add=True)
    based_on_revision = models.PositiveIntegerField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    data = models.JSONField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Snapshot of {self.attempt} ({self.reason})"


class PrivacyDismissal(models.Model):
    """The learner's word that a finding of the privacy screener does not identify anyone,
    with their reason. Shown to the assessor."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="dismissals")
    question = models.ForeignKey(
        "catalogue.Question", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    key = models.CharField(max_length=300)
    label = models.CharField(max_length=30)
    text = models.CharField(max_length=300)
    reason = models.CharField(_("why this does not identify anyone"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attempt", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question", "key"], name="one_dismissal_per_finding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text!r} not identifying: {self.reason}"


# --- Manager review (C4) ----------------------------------------------------------------------
# A draft shared with a manager or tutor, their comments, and the follow-ups of the learner's
# intended actions once the badge is awarded. Services and reads are in review.py.


class ReviewQuerySet(models.QuerySet["Review"]):
    def active(self) -> ReviewQuerySet:
        """Shares the learner has not revoked."""
        return self.filter(revoked_at__isnull=True)


class Review(BaseModel):
    """A learner's draft shared with their manager or tutor, who reads it against the checklist
    of DESIGN rule 10, comments on each question and says whether it is ready to submit.

    The invitation goes to an email address; the review binds to the account that holds that
    address, verified. Sharing is never required, and the learner can revoke it at any time."""

    class Verdict(models.TextChoices):
        READY = "ready", _("Ready to submit")
        NEEDS_WORK = "needs_work", _("Needs work")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    invited_email = models.EmailField()
    # Only a hash of the invitation token is kept: the database alone opens no invitation.
    token_hash = models.CharField(max_length=64, unique=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews_given",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    share_with_issuer = models.BooleanField(default=False)
    checklist = models.JSONField(default=list, blank=True)
    overall_note = models.TextField(blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The evidence as it was when the reviewer last sent comments ({question id or "whole":
    # text}), so that when the learner asks again the reviewer sees what changed.
    answers_at_review = models.JSONField(default=dict, blank=True)
    # The learner asked the reviewer to look again after their comments (issue 15).
    asked_again_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "invited_email"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_review_per_address",
            ),
            models.CheckConstraint(
                condition=Q(verdict="") | Q(reviewed_at__isnull=False),
                name="review_verdict_has_date",
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "revoked_at"], name="review_reviewer")]

    def __str__(self) -> str:
        return f"Review of {self.application.reference} by {self.invited_email}"

    def get_absolute_url(self) -> str:
        return reverse("reviews:review", kwargs={"public_id": self.public_id})

    @property
    def asked_again(self) -> bool:
        """The learner asked for another look and the reviewer has not answered it yet."""
        return bool(
            self.asked_again_at
            and (self.reviewed_at is None or self.asked_again_at > self.reviewed_at)
        )


class ReviewComment(BaseModel):
    """The reviewer's comment on one question of the draft."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey("catalogue.Question", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["review", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "question"], name="one_comment_per_question")
        ]

    def __str__(self) -> str:
        return f"Comment on {self.question_id} in {self.review_id}"


class FollowUp(BaseModel):
    """What the learner said they would do differently, on their reviewer's list once the badge
    is awarded. Marked done with a note; never a deadline (DESIGN rule 12)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="followups")
    award = models.ForeignKey("awards.Award", on_delete=models.CASCADE, related_name="+")
    actions = models.TextField()
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["review", "award"], name="one_followup_per_award")
        ]

    def __str__(self) -> str:
        return f"Follow-up of {self.award_id} for review {self.review_id}"


class Discussion(BaseModel):
    """The discussion task of a badge (DESIGN rule 18, seeds/002 tip 4), as the learner
    recorded it: who took part, when, and what was agreed. The learner may ask a named
    colleague, manager or tutor to confirm it (by email address; the confirmation binds to the
    account that holds that address, verified). The confirmation shows on the application and,
    if the learner chooses, on the award page."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="discussion"
    )
    participants = models.CharField(_("who took part"), max_length=300)
    held_on = models.DateField(_("when it took place"))
    agreed = models.TextField(_("what you agreed"))
    show_on_award = models.BooleanField(default=False)
    confirmer_email = models.EmailField(blank=True)
    confirmer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussions_confirmed",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Discussion for {self.application.reference}"
