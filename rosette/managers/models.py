"""What a learner chooses to share with colleagues (issue 15): offers to coach others on a badge
they hold (tip 7), and awards they agree to show in an organisation's celebration feed (tip 8).
Both are opt-in and withdrawable; both sit here because they join teams and awards."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rosette.core.models import BaseModel


class CoachingOffer(BaseModel):
    """A learner who holds a badge offers to help colleagues working towards it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_offers"
    )
    badge = models.ForeignKey("catalogue.Badge", on_delete=models.CASCADE, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "badge"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_coaching_offer",
            )
        ]


class Celebration(BaseModel):
    """The learner agrees that an award of theirs appears in an organisation's celebration
    feed and monthly summary."""

    award = models.ForeignKey("awards.Award", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "teams.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["award", "organisation"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_celebration",
            )
        ]


class DigestSettings(BaseModel):
    """How often a manager hears, by email, of what waits on their home: weekly unless they
    choose otherwise, at most daily, or never (issue 15)."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Once a week")
        DAILY = "daily", _("At most once a day")
        OFF = "off", _("Never: I will look at my team page myself")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_settings"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    last_sent_at = models.DateTimeField(null=True, blank=True)
