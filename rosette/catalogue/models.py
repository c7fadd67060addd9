"""Issuers, badges and their versions, evidence questions, pathways and learning materials."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rosette.core.models import BaseModel


class Issuer(BaseModel):
    """An organisation that publishes badges and assesses applications for them."""

    class PrivacyPolicy(models.TextChoices):
        BLOCK = "block", _("Block submission until every finding is resolved")
        DECLINE = "decline", _("Decline automatically if evidence could identify someone")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact email"))
    image = models.FileField(_("logo"), upload_to="issuers/", blank=True)
    # A wide picture at the top of the public issuer page; never in credentials. It says
    # something (people at work, a place), so it has the words a screen reader reads instead.
    banner = models.FileField(_("banner image"), upload_to="issuers/", blank=True)
    banner_alt = models.CharField(_("what the banner shows"), max_length=250, blank=True)
    assessment_days = models.PositiveSmallIntegerField(
        _("days to assess"),
        default=28,
        validators=[MinValueValidator(1)],
        help_text=_("The decision is due this many days after an application is submitted."),
    )
    privacy_policy = models.CharField(
        _("when evidence could identify someone"),
        max_length=20,
        choices=PrivacyPolicy.choices,
        default=PrivacyPolicy.BLOCK,
    )
    max_upload_mb = models.PositiveSmallIntegerField(
        _("largest upload (MB)"), default=200, validators=[MinValueValidator(1)]
    )
    max_media_minutes = models.PositiveSmallIntegerField(
        _("longest recording (minutes)"), default=15, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:issuer_detail", kwargs={"slug": self.slug})


class IssuerStaffQuerySet(models.QuerySet["IssuerStaff"]):
    def active(self) -> IssuerStaffQuerySet:
        """Roles that count: a suspended one grants nothing until it is restored."""
        return self.filter(suspended_at__isnull=True)


class IssuerStaff(BaseModel):
    """A person's role at an issuer: assessor, or admin (who may also assess). A suspended
    role is kept (with its history) but grants nothing: no queue, no claims, no admin pages."""

    class Role(models.TextChoices):
        ASSESSOR = "assessor", _("Assessor")
        ADMIN = "admin", _("Issuer admin")

    issuer = models.ForeignKey(Issuer, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="issuer_roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    suspended_at = models.DateTimeField(null=True, blank=True)

    objects = IssuerStaffQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("issuer staff")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "user", "role"], name="unique_issuer_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.issuer}"


class Category(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class BadgeQuerySet(models.QuerySet["Badge"]):
    def published(self) -> BadgeQuerySet:
        return self.filter(status=Badge.Status.PUBLISHED)

    def pathways(self) -> BadgeQuerySet:
        return self.filter(kind=Badge.Kind.PATHWAY)

    def search(self, text: str) -> BadgeQuerySet:
        """Badges with every word somewhere a learner can read it: the name, the summary, the
        issuer, a published version's description, criteria or activities, or a material's
        title or description. Never a draft's text."""
        query = Q()
        for word in text.split()[:10]:
            published = BadgeVersion.objects.published().filter(
                Q(description__icontains=word)
                | Q(criteria__icontains=word)
                | Q(activities__icontains=word)
            )
            query &= (
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(issuer__name__icontains=word)
                | Q(pk__in=published.values("badge_id"))
                | Q(
                    pk__in=LearningMaterial.objects.filter(
                        Q(title__icontains=word) | Q(description__icontains=word)
                    ).values("badge_id")
                )
            )
        return self.filter(query)


class Badge(BaseModel):
    """A badge an issuer offers. What a learner must do lives in its versions."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Kind(models.TextChoices):
        STANDARD = "standard", _("Badge")
        PATHWAY = "pathway", _("Pathway badge")

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="badges")
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    image = models.FileField(_("image"), upload_to="badges/", blank=True)
    summary = models.CharField(_("summary"), max_length=300)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="badges"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STANDARD)
    prerequisites = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="required_for"
    )
    # A pathway (meta-) badge is awarded when its rule over the component badges is met.
    components = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="pathways"
    )
    components_required = models.PositiveSmallIntegerField(
        _("component badges required"),
        null=True,
        blank=True,
        help_text=_("Leave empty to require all of them."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = BadgeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:badge_detail", kwargs={"slug": self.slug})

    @property
    def is_pathway(self) -> bool:
        return self.kind == self.Kind.PATHWAY

    def required_count(self) -> int:
        """How many component badges complete this pathway."""
        total = self.components.count()
        return min(self.components_required or total, total)


class BadgeVersionQuerySet(models.QuerySet["BadgeVersion"]):
    def published(self) -> BadgeVersionQuerySet:
        return self.filter(published_at__isnull=False)


class BadgeVersion(BaseModel):
    """What a badge asks for, frozen once published so applications in flight keep it."""

    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    description = models.TextField(_("description"))
    criteria = models.TextField(
        _("criteria"), help_text=_("What a learner must do, one item per line.")
    )
    activities = models.TextField(
        _("activities"), blank=True, help_text=_("What a learner does, one activity per line.")
    )
    # Rule 18: most badges include a discussion with colleagues or a manager or tutor.
    discussion_task = models.TextField(
        _("discussion task"),
        blank=True,
        help_text=_("What to discuss, and with whom (colleagues, a manager or a tutor)."),
    )
    overall_min_words = models.PositiveIntegerField(_("minimum words in all"), default=0)
    allow_text = models.BooleanField(_("accept evidence typed on the form"), default=True)
    allow_link = models.BooleanField(
        _("accept a link to the learner's blog or portfolio"), default=True
    )
    allow_media = models.BooleanField(_("accept an audio or video recording"), default=True)
    allow_files = models.BooleanField(
        _("accept attached files (such as the completed handout)"), default=True
    )
    # Empty: the standard declaration and data-sharing statement (applications.services).
    declaration = models.TextField(
        _("declaration"),
        blank=True,
        help_text=_("What the learner confirms when they submit, one statement per line."),
    )
    data_sharing = models.TextField(
        _("data-sharing statement"),
        blank=True,
        help_text=_("Who receives the learner's evidence, name and email address."),
    )
    # For the learner's record for registration (post-registration training and learning).
    learning_hours = models.DecimalField(
        _("hours of learning"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("About how long the activities take. Shown on the learner's record."),
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = BadgeVersionQuerySet.as_manager()

    class Meta:
        ordering = ["badge", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["badge", "number"], name="unique_badge_version")
        ]

    def __str__(self) -> str:
        return f"{self.badge} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def criteria_items(self) -> list[str]:
        return _items(self.criteria)

    def activity_items(self) -> list[str]:
        return _items(self.activities)

    def declaration_items(self) -> list[str]:
        return _items(self.declaration)

    def declaration_points(self) -> list[str]:
        """What a learner confirms when they submit: this version's own declaration and
        data-sharing statement if its issuer wrote them, else the standard ones. Shown on the
        badge page before anyone starts writing, and again at submission."""
        return declaration_points(self.badge.issuer, self)


#: The declaration every badge asks for unless its issuer wrote its own (SSSC's wording); the
#: last point is the data-sharing statement. Translated: shown in the reader's language.
STANDARD_DECLARATION = [
    _(
        "I have read, understood and completed all the activities listed in the badge criteria "
        "and each question from the criteria is answered in the evidence I have provided."
    ),
    _(
        "My evidence has been written or recorded by me and I have not copied it from anywhere "
        "or anyone else."
    ),
    _(
        "I understand that it will take up to {days} days to assess my application and that "
        "feedback cannot be provided if my application is unsuccessful."
    ),
    _(
        "I understand that my evidence, name and email address will be sent to the organisation "
        "who issue this badge."
    ),
]


def declaration_points(issuer: Issuer, version: BadgeVersion | None = None) -> list[str]:
    points = [p.format(days=issuer.assessment_days) for p in STANDARD_DECLARATION]
    if version is not None and version.declaration.strip():
        points = version.declaration_items() + points[-1:]
    if version is not None and version.data_sharing.strip():
        points = [*points[:-1], version.data_sharing.strip()]
    return points


def _items(text: str) -> list[str]:
    """The lines of a list typed one item per line, without bullets."""
    return [line.strip().lstrip("-•* ").strip() for line in text.splitlines() if line.strip()]


class Question(models.Model):
    """An evidence question, with the least number of words an answer must have."""

    version = models.ForeignKey(BadgeVersion, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    prompt = models.TextField(_("question"))
    min_words = models.PositiveIntegerField(_("minimum words"), default=0)
    guidance = models.TextField(_("guidance"), blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="unique_question_position")
        ]

    def __str__(self) -> str:
        return f"Q{self.position}: {self.prompt[:60]}"


class LearningMaterial(BaseModel):
    """A file a learner downloads to do the badge's activities (e.g. the handout)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge = models.ForeignKey(Badge, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    # A material is a file (a handout) or a link (a guide elsewhere), never both.
    file = models.FileField(_("file"), upload_to="materials/", blank=True)
    url = models.URLField(_("link"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["badge", "position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="material_is_a_file_or_a_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.url:
            return self.url
        return reverse("catalogue:material_download", kwargs={"public_id": self.public_id})

    @property
    def is_link(self) -> bool:
        return bool(self.url)

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else ""
