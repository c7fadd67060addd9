"""Safeguarding guides (versioned content) and the risk assessments people complete from them."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rosette.core.models import BaseModel
from rosette.teams.models import Membership

if TYPE_CHECKING:
    from rosette.accounts.models import User


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class GuideQuerySet(models.QuerySet["Guide"]):
    def published(self) -> GuideQuerySet:
        return self.filter(versions__published_at__isnull=False).distinct()


class Guide(BaseModel):
    """A safeguarding guide people complete for their own setting. Its text lives in versions."""

    slug = models.SlugField(unique=True)
    issuer = models.ForeignKey(
        "catalogue.Issuer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guides",
    )
    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        help_text=_("Drafted to show the toolkit, not published guidance from an issuer."),
    )
    badges = models.ManyToManyField(
        "catalogue.Badge",
        blank=True,
        related_name="guides",
        help_text=_("Badges whose learning materials include this guide."),
    )

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("toolkits:guide_detail", kwargs={"slug": self.slug})

    def current_version(self) -> GuideVersion | None:
        """The newest published version, the one new assessments start from."""
        return (
            self.versions.filter(published_at__isnull=False)
            .prefetch_related("risks")
            .order_by("-number")
            .first()
        )


class GuideVersion(BaseModel):
    """A guide's text, frozen once published so assessments in progress keep what they began."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    actions = models.TextField(_("take action"), help_text=_("One step per line, in order."))
    more_actions = models.TextField(
        _("take more action"), blank=True, help_text=_("One item per line, in order.")
    )
    further_reading = models.TextField(
        _("further reading"),
        blank=True,
        help_text=_("One link per line: the title, a vertical bar, then the address."),
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["guide", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "number"], name="unique_guide_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def action_items(self) -> list[str]:
        return _lines(self.actions)

    def more_action_items(self) -> list[str]:
        return _lines(self.more_actions)

    def reading_links(self) -> list[tuple[str, str]]:
        """Further reading as (title, url) pairs."""
        links = []
        for line in _lines(self.further_reading):
            title, _sep, url = line.rpartition("|")
            links.append((title.strip() or url.strip(), url.strip()))
        return links


class Risk(models.Model):
    """A risk the guide names, ranked by how likely it is (1 is the most likely)."""

    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="risks")
    rank = models.PositiveSmallIntegerField(_("rank by likelihood"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    questions = models.TextField(_("questions"), help_text=_("One question per line."))

    class Meta:
        ordering = ["version", "rank"]
        constraints = [models.UniqueConstraint(fields=["version", "rank"], name="unique_risk_rank")]

    def __str__(self) -> str:
        return f"{self.rank}. {self.title}"

    def question_items(self) -> list[str]:
        return _lines(self.questions)


class RiskAssessmentQuerySet(models.QuerySet["RiskAssessment"]):
    def editable_by(self, user: User) -> RiskAssessmentQuerySet:
        """Assessments this person owns or was invited to contribute to."""
        return self.filter(Q(owner=user) | Q(contributors__user=user)).distinct()

    def shared_with_manager(self, user: User) -> RiskAssessmentQuerySet:
        """Assessments shared with organisations this person actively manages."""
        organisations = Membership.objects.filter(
            user=user, role=Membership.Role.MANAGER, status=Membership.Status.ACTIVE
        ).values("organisation_id")
        return self.filter(shared_with_managers=True, organisation_id__in=organisations)


class RiskAssessment(BaseModel):
    """A guide completed for one setting: a service, a group, or a one-to-one practice."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        COMPLETED = "completed", _("Completed")

    class SettingKind(models.TextChoices):
        SERVICE = "service", _("A service")
        GROUP = "group", _("A group")
        ONE_TO_ONE = "one_to_one", _("A one-to-one practice")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    guide_version = models.ForeignKey(
        GuideVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="risk_assessments"
    )
    setting_name = models.CharField(_("name of the setting"), max_length=200)
    setting_kind = models.CharField(
        _("kind of setting"), max_length=20, choices=SettingKind.choices
    )
    setting_description = models.TextField(_("about the setting"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    completed_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: every save states the version it was based on; a stale one is refused.
    version = models.PositiveIntegerField(default=1)
    organisation = models.ForeignKey(
        "teams.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risk_assessments",
    )
    shared_with_managers = models.BooleanField(default=False)

    objects = RiskAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared_with_managers=False) | Q(organisation__isnull=False),
                name="shared_assessment_has_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.setting_name} ({self.guide_version.title})"

    def get_absolute_url(self) -> str:
        return reverse("toolkits:assessment_edit", kwargs={"public_id": self.public_id})

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED


class RiskEntry(BaseModel):
    """What one assessment says about one of the guide's risks, in its own setting."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="entries")
    risk = models.ForeignKey(Risk, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=list, blank=True)  # one string per question, in order
    likelihood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    impact = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    mitigation = models.TextField(blank=True)
    responsible_role = models.CharField(max_length=200, blank=True)
    review_by = models.DateField(null=True, blank=True, db_index=True)
    # The review date a reminder was last sent for: one reminder per date.
    reminded_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "risk__rank"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "risk"], name="unique_risk_entry"),
            models.CheckConstraint(
                condition=Q(likelihood__isnull=True) | Q(likelihood__gte=1, likelihood__lte=5),
                name="risk_entry_likelihood_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(impact__isnull=True) | Q(impact__gte=1, impact__lte=5),
                name="risk_entry_impact_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.risk}"

    @property
    def score(self) -> int | None:
        """The local rating: likelihood × impact (1–25), once both are given."""
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        """low, medium or high, for the heat map and the action plan."""
        return band_of(self.score)

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band])


BAND_LABELS = {
    "high": _("high"),
    "medium": _("medium"),
    "low": _("low"),
    "unrated": _("not rated"),
}


def band_of(score: int | None) -> str:
    if score is None:
        return "unrated"
    if score >= 15:
        return "high"
    if score >= 6:
        return "medium"
    return "low"


class ChecklistItem(BaseModel):
    """A "take action" or "take more action" step, ticked off with notes."""

    class Kind(models.TextChoices):
        ACTION = "action", _("Take action")
        MORE = "more", _("Take more action")

    assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.CASCADE, related_name="checklist"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField()
    text = models.TextField()  # copied from the frozen guide version it came from
    done = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "kind", "position"], name="unique_checklist_item"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Contributor(BaseModel):
    """A colleague invited to work on an assessment (a member of the same organisation)."""

    assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.CASCADE, related_name="contributors"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="unique_contributor")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.assessment_id}"


class PrivacyExplanation(BaseModel):
    """Someone's word that a finding of the privacy screener in one field of an assessment does
    not identify anyone, and why. Until a finding is explained (or the text changed), the
    assessment cannot be completed and the summary and PDF withhold it."""

    assessment = models.ForeignKey(
        RiskAssessment, on_delete=models.CASCADE, related_name="explanations"
    )
    field = models.CharField(max_length=40)  # "e12_role", "c3_notes", "setting_description"
    key = models.CharField(max_length=300)  # rosette.privacy Finding.key
    label = models.CharField(max_length=30)
    text = models.CharField(max_length=300)
    reason = models.CharField(_("why this does not identify anyone"), max_length=300)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "field", "key"], name="one_explanation_per_finding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text!r} not identifying: {self.reason}"
