"""Employers, and the people who work for them. Membership is by invitation and consent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rosette.core.models import BaseModel


class Organisation(BaseModel):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    class Role(models.TextChoices):
        STAFF = "staff", _("Staff member")
        MANAGER = "manager", _("Manager")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.STAFF)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INVITED)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user", "role"],
                condition=~Q(status="left"),
                name="unique_current_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"
