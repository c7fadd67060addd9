"""Awards: a badge that belongs to a learner."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rosette.core.models import BaseModel


def new_award_code() -> str:
    """An unguessable public identifier (128 bits), used in the award page's URL."""
    return secrets.token_urlsafe(16)


class AwardQuerySet(models.QuerySet["Award"]):
    def current(self) -> AwardQuerySet:
        """Awards that count: not revoked (a suspended award is still held, but flagged)."""
        return self.exclude(status=Award.Status.REVOKED)


class Award(BaseModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    code = models.CharField(max_length=32, unique=True, default=new_award_code, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="awards"
    )
    badge = models.ForeignKey("catalogue.Badge", on_delete=models.PROTECT, related_name="awards")
    awarded_at = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.TextField(blank=True)

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
