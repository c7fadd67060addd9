"""Shared model base and the one audit trail (STYLE.md point 7)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every domain model carries when it was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_subject(self, subject: models.Model) -> AuditEventQuerySet:
        return self.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))


class AuditEvent(models.Model):
    """An append-only record of something that happened. Written only by record_event()."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=120, db_index=True)
    subject_type = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject_type}:{self.subject_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Audit events are append-only and cannot be deleted.")


def record_event(
    *,
    action: str,
    subject: models.Model,
    actor: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an audit event. ``action`` reads ``source:subject:action``, e.g.
    ``catalogue:badge:publish``."""
    if action.count(":") != 2:
        raise ValueError(f"Audit action {action!r} must read source:subject:action.")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        data=data or {},
    )


class PublishedStamp(models.Model):
    """A random token that changes whenever what is published about one thing changes (an
    award, an issuer's keys and status lists, the catalogue). Public pages and documents are
    cached under the stamps they were made from; the service that changes a thing changes its
    stamp in the same transaction (``rosette.core.public_cache``, ADR 0013)."""

    key = models.CharField(max_length=200, primary_key=True)
    value = models.CharField(max_length=32)
    changed = models.BigIntegerField(help_text="Unix time, seconds (Last-Modified)")

    def __str__(self) -> str:
        return f"{self.key} {self.value}"
