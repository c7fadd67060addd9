"""Assessment: the queue and its claims, rubrics, decisions, moderation and reminders.

The application's status lives in ``applications`` and changes only through its workflow; this
app keeps what assessment adds around it. See docs/adr/0005-assessment-queue.md.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rosette.core.models import BaseModel


class AssessmentSettings(BaseModel):
    """An issuer's settings for assessment. An issuer without a row uses the defaults."""

    class Moderators(models.TextChoices):
        ASSESSORS = "assessors", _("Any other assessor or admin of the issuer")
        ADMINS = "admins", _("Issuer admins only")

    issuer = models.OneToOneField(
        "catalogue.Issuer", on_delete=models.CASCADE, related_name="assessment_settings"
    )
    claim_minutes = models.PositiveIntegerField(
        _("claim lasts (minutes without activity)"),
        default=240,
        validators=[MinValueValidator(5)],
        help_text=_("An application an assessor stops working on returns to the queue."),
    )
    moderation_percent = models.PositiveSmallIntegerField(
        _("share of decisions moderated (%)"),
        default=10,
        validators=[MaxValueValidator(100)],
    )
    moderated_by = models.CharField(
        _("who moderates"),
        max_length=20,
        choices=Moderators.choices,
        default=Moderators.ASSESSORS,
        help_text=_("Never the assessor who made the decision."),
    )
    reminder_days_left = models.PositiveSmallIntegerField(
        _("remind admins when this many days are left"), default=7
    )
    # The pass rule of a default rubric: every question at least "met".
    default_every_question_met = models.BooleanField(
        _("default rubrics require every question met"), default=True
    )

    class Meta:
        verbose_name_plural = _("assessment settings")

    def __str__(self) -> str:
        return f"Assessment settings of {self.issuer}"


class DeclineReasonQuerySet(models.QuerySet["DeclineReason"]):
    def active(self) -> DeclineReasonQuerySet:
        return self.filter(active=True)


class DeclineReason(BaseModel):
    """A category an issuer gives for declining. Recorded, never sent as feedback."""

    DEFAULTS = [
        ("identifies_individuals", _("Identifies individuals")),
        ("not_own_work", _("Not the learner's own work")),
        ("criteria_not_met", _("Does not meet the criteria")),
        ("confidential", _("Contains confidential information")),
        ("not_relevant", _("Not about this badge")),
    ]

    issuer = models.ForeignKey(
        "catalogue.Issuer", on_delete=models.CASCADE, related_name="decline_reasons"
    )
    slug = models.SlugField(max_length=40)  # stored on Application.decline_reason
    label = models.CharField(_("reason"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    objects = DeclineReasonQuerySet.as_manager()

    class Meta:
        ordering = ["issuer", "position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "slug"], name="unique_decline_reason")
        ]

    def __str__(self) -> str:
        return self.label


class Rubric(BaseModel):
    """How a badge version is scored: bands per question and a pass mark."""

    version = models.OneToOneField(
        "catalogue.BadgeVersion", on_delete=models.CASCADE, related_name="rubric"
    )
    pass_mark = models.PositiveIntegerField(_("pass mark (total score)"))
    every_question_met = models.BooleanField(_("every question must be at least met"), default=True)

    def __str__(self) -> str:
        return f"Rubric of {self.version}"


class QuestionRubric(BaseModel):
    """What an assessor looks for in the answer to one question, and its score bands."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="questions")
    question = models.OneToOneField(
        "catalogue.Question", on_delete=models.CASCADE, related_name="rubric"
    )
    criteria = models.TextField(_("what the assessor looks for"), blank=True)
    met_score = models.PositiveSmallIntegerField(_("lowest score that counts as met"), default=1)

    class Meta:
        ordering = ["rubric", "question__position"]

    def __str__(self) -> str:
        return f"Rubric for {self.question}"


class Band(models.Model):
    """A score band of a question: e.g. not met 0, met 1, strong 2."""

    question_rubric = models.ForeignKey(
        QuestionRubric, on_delete=models.CASCADE, related_name="bands"
    )
    score = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=60)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["question_rubric", "score"]
        constraints = [
            models.UniqueConstraint(fields=["question_rubric", "score"], name="unique_band_score")
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.score})"


class ClaimQuerySet(models.QuerySet["Claim"]):
    def active(self, now: Any = None) -> ClaimQuerySet:
        return self.filter(expires_at__gt=now or timezone.now())


class Claim(BaseModel):
    """Who is assessing an application now. At most one per application; it lapses after
    the issuer's claim time without activity, and the application is then next in line again
    at its original place (the queue is ordered by submission, never by claims)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="claim"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_claims"
    )
    issuer = models.ForeignKey("catalogue.Issuer", on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    objects = ClaimQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["expires_at"], name="claim_expiry"),
            models.Index(fields=["assessor", "issuer"], name="claim_by_assessor"),
        ]

    def __str__(self) -> str:
        return f"{self.application} claimed by {self.assessor}"

    def is_active(self, now: Any = None) -> bool:
        return self.expires_at > (now or timezone.now())


class Decision(models.Model):
    """An assessor's decision on one attempt. Append-only: a decision is never changed;
    moderation adds its own record beside it."""

    class Outcome(models.TextChoices):
        AWARD = "award", _("Award")
        RETURN = "return", _("Return for further evidence")
        DECLINE = "decline", _("Decline")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="decisions"
    )
    attempt = models.OneToOneField(
        "applications.Attempt", on_delete=models.PROTECT, related_name="decision"
    )
    # Copied from the application so that service-level reports are indexed range queries.
    issuer = models.ForeignKey("catalogue.Issuer", on_delete=models.PROTECT, related_name="+")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessment_decisions"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    # {question id: score} and {question id: feedback}, as given.
    scores = models.JSONField(default=dict, blank=True)
    total = models.PositiveIntegerField(null=True, blank=True)
    pass_mark = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True)
    feedback = models.JSONField(default=dict, blank=True)
    reason = models.ForeignKey(
        DeclineReason, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note for the issuer (never shown to the learner)"), blank=True)
    submitted_at = models.DateTimeField()
    due_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["issuer", "created_at"], name="decision_by_day")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="decline") | Q(reason__isnull=False),
                name="decline_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.attempt}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Decisions are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Decisions are append-only and cannot be deleted.")

    @property
    def on_time(self) -> bool:
        return self.created_at <= self.due_at

    def feedback_for(self, question_id: int | None) -> str:
        return str(self.feedback.get(str(question_id or "whole"), ""))


class Moderation(BaseModel):
    """A second assessor's view of a sampled decision: agree, or disagree with a note."""

    class Outcome(models.TextChoices):
        AGREE = "agree", _("Agree")
        DISAGREE = "disagree", _("Disagree")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="moderation")
    issuer = models.ForeignKey("catalogue.Issuer", on_delete=models.PROTECT, related_name="+")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessment_moderations",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    note = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["issuer", "done_at"], name="moderation_pending")]

    def __str__(self) -> str:
        return f"Moderation of {self.decision}"


class SlaReminder(models.Model):
    """That admins were told an application is near or past its due date: once per
    application, due date (a resubmission has a new one) and threshold."""

    class Threshold(models.TextChoices):
        APPROACHING = "approaching", _("Due soon")
        OVERDUE = "overdue", _("Past its due date")

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="+"
    )
    due_at = models.DateTimeField()
    threshold = models.CharField(max_length=20, choices=Threshold.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "due_at", "threshold"], name="one_reminder_per_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_threshold_display()}: {self.application}"
