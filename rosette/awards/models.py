"""Awards: a badge that belongs to a learner, its page, its evidence and its endorsements."""

from __future__ import annotations

import secrets
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rosette.core.models import BaseModel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from rosette.accounts.models import User


def new_award_code() -> str:
    """An unguessable public identifier (128 bits), used in the award page's URL."""
    return secrets.token_urlsafe(16)


class AwardQuerySet(models.QuerySet["Award"]):
    def current(self) -> AwardQuerySet:
        """Awards not revoked: a person's one award of a badge, whether valid now or suspended
        (the partial unique constraint ``one_current_award_per_badge``). Not what counts as
        held: that is :meth:`valid_now`."""
        return self.exclude(status=Award.Status.REVOKED)

    def valid_now(self) -> AwardQuerySet:
        """Awards that count as held: neither suspended nor revoked. The one rule for every
        place that asks whether someone holds a badge: prerequisites, pathway badges and the
        progress towards them, the badge page's "You hold this", the checks before an
        application is submitted, and ``award_create`` (ADR 0008)."""
        return self.filter(status=Award.Status.ACTIVE)

    def held_by(self, user: User | AnonymousUser) -> AwardQuerySet:
        """The awards this person holds now (none for an anonymous visitor)."""
        if not user.is_authenticated:
            return self.none()
        return self.valid_now().filter(recipient=user)


class Award(BaseModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone, and search engines may list it")
        LINK = "link", _("Anyone with the link")
        PRIVATE = "private", _("Only me")

    class NameDisplay(models.TextChoices):
        FULL = "full", _("My full name")
        SHORT = "short", _("My first name and the initial of my last name")

    code = models.CharField(max_length=32, unique=True, default=new_award_code, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="awards"
    )
    badge = models.ForeignKey("catalogue.Badge", on_delete=models.PROTECT, related_name="awards")
    # The application it was awarded for (its version holds the criteria assessed against);
    # empty for a pathway badge, which is awarded for other awards.
    application = models.ForeignKey(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    awarded_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # Suspended by the endorsement rule (rule 15), so a published manager endorsement restores it.
    suspended_by_rule = models.BooleanField(default=False)
    # A pathway badge suspended with a badge it was built from (its rule no longer met); it is
    # restored when the rule is met again (rosette/awards/pathways.py).
    suspended_by_pathway = models.BooleanField(default=False)
    visibility = models.CharField(
        _("who can see this award page"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.LINK,
    )
    name_display = models.CharField(
        _("how your name is shown"),
        max_length=20,
        choices=NameDisplay.choices,
        default=NameDisplay.FULL,
    )
    endorsements_open = models.BooleanField(_("let people endorse this badge"), default=True)
    # A badge with a BadgeEndorsementRule needs a manager's endorsement by this date.
    endorsement_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    endorsement_reminded_at = models.DateTimeField(null=True, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "badge"],
                condition=~Q(status="revoked"),
                name="one_current_award_per_badge",
            )
        ]

    def __str__(self) -> str:
        return f"{self.badge} awarded to {self.recipient}"

    def get_absolute_url(self) -> str:
        return reverse("awards:award_detail", kwargs={"code": self.code})

    @property
    def is_active(self) -> bool:
        """Held: valid now, neither suspended nor revoked (``AwardQuerySet.valid_now``)."""
        return self.status == self.Status.ACTIVE

    @property
    def recipient_name(self) -> str:
        """The learner's name as they chose to show it on this award."""
        name = (self.recipient.name or "").strip()
        if self.name_display == self.NameDisplay.SHORT and " " in name:
            words = name.split()
            return f"{words[0]} {words[-1][0]}."
        return name or str(_("A learner"))

    @property
    def takes_endorsements(self) -> bool:
        """Open to endorsements: the learner allows it, the page can be shared, and the badge
        is held (a suspended one too: a manager's endorsement may be what restores it)."""
        return (
            self.endorsements_open
            and self.status != self.Status.REVOKED
            and self.visibility != self.Visibility.PRIVATE
        )

    def visible_to(self, user: object) -> bool:
        """Whether this person may see the page at all (private pages: the learner only)."""
        if self.visibility != self.Visibility.PRIVATE:
            return True
        return getattr(user, "pk", None) == self.recipient_id

    def documents_visible_to(self, user: object, *, carry_name: bool) -> bool:
        """Whether this person may fetch the award's hosted credential documents (ADR 0008).

        The learner always may. Anyone else ("anyone with the link") may while the page is not
        private, and a document that carries the learner's full name (the signed OB 3.0
        credential and its baked images) only while the page shows the full name too: no hosted
        document shows a stranger more of the learner than the page does. The OB 2.0 assertion
        carries no name (a salted hash of the email), so it stays checkable with a short name.
        """
        if getattr(user, "pk", None) == self.recipient_id:
            return True
        if self.visibility == self.Visibility.PRIVATE:
            return False
        return not carry_name or self.name_display == self.NameDisplay.FULL


# What an issuer admin may do to an award: the statuses it may be in, and the status it gets.
STATUS_ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "suspend": (frozenset({Award.Status.ACTIVE}), Award.Status.SUSPENDED),
    "revoke": (frozenset({Award.Status.ACTIVE, Award.Status.SUSPENDED}), Award.Status.REVOKED),
    "restore": (frozenset({Award.Status.SUSPENDED}), Award.Status.ACTIVE),
}


class Evidence(BaseModel):
    """One piece of the award's evidence as submitted: an answer (text, link, recording with
    its transcript), an attached file, or, for a pathway badge, a contributing award. The
    learner can hide it or withdraw it for good; withdrawn evidence is never shown again."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="evidence")
    position = models.PositiveSmallIntegerField(default=0)
    answer = models.ForeignKey(
        "applications.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    attachment = models.ForeignKey(
        "applications.Attachment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    contribution = models.ForeignKey(
        Award, null=True, blank=True, on_delete=models.CASCADE, related_name="contributes_to"
    )
    visible = models.BooleanField(default=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["award", "position", "pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(answer__isnull=False, attachment__isnull=True, contribution__isnull=True)
                    | Q(answer__isnull=True, attachment__isnull=False, contribution__isnull=True)
                    | Q(answer__isnull=True, attachment__isnull=True, contribution__isnull=False)
                ),
                name="evidence_is_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"Evidence {self.position} of {self.award_id}"

    @property
    def is_shown(self) -> bool:
        return self.visible and self.withdrawn_at is None

    @property
    def has_file(self) -> bool:
        return bool(self.attachment_id) or bool(self.answer and self.answer.media)


class EndorsementQuerySet(models.QuerySet["Endorsement"]):
    def published(self) -> EndorsementQuerySet:
        return self.filter(status=Endorsement.Status.PUBLISHED)

    def confirmed(self) -> EndorsementQuerySet:
        return self.exclude(status=Endorsement.Status.UNCONFIRMED)


class Endorsement(BaseModel):
    """A message someone left on an award page. It is published only once the endorser has
    confirmed their email address and the learner has chosen to publish it."""

    class Relationship(models.TextChoices):
        MANAGER = "manager", _("Manager")
        COLLEAGUE = "colleague", _("Colleague")
        TUTOR = "tutor", _("Tutor or practice educator")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the endorser to confirm their email")
        PENDING = "pending", _("Waiting for you to publish or hide it")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="endorsements")
    name = models.CharField(_("your name"), max_length=100)
    email = models.EmailField(_("your email address"))
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    message = models.TextField(_("your endorsement"))
    # Set when a signed-in manager endorses from their team page (their address is verified).
    endorser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="endorsements_given",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNCONFIRMED)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # What the privacy screener found in the message: [{"label", "text", "reason"}].
    findings = models.JSONField(default=list, blank=True)
    # The learner's reason for publishing despite the findings (recorded, shown to nobody else).
    findings_dismissed = models.TextField(blank=True)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["award", "status"], name="endorsement_award_status")]

    def __str__(self) -> str:
        return f"Endorsement of {self.award_id} by {self.name}"

    @property
    def is_from_manager(self) -> bool:
        return self.relationship == self.Relationship.MANAGER


class BadgeEndorsementRule(BaseModel):
    """A badge whose holders need a manager's endorsement within ``days`` of the award, or
    the award is suspended until one is published (DESIGN rule 15)."""

    badge = models.OneToOneField(
        "catalogue.Badge", on_delete=models.CASCADE, related_name="endorsement_rule"
    )
    days = models.PositiveSmallIntegerField(
        _("days to get a manager's endorsement"), default=91, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["badge"]

    def __str__(self) -> str:
        return f"{self.badge} needs a manager's endorsement within {self.days} days"
