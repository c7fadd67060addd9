"""Helpers for the Django-side credential tests."""

from __future__ import annotations

import importlib

from django.utils import timezone

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import Badge
from tests import factories


def make_award(*, recipient: User, badge: Badge | None = None) -> Award:
    """An award, made by the awards service when it is there (else a plain row)."""
    badge = badge or factories.make_badge(
        name="Video chats", image=("video.svg", rosette_svg("Video chats", "#5e2a84"))
    )
    try:
        services = importlib.import_module("rosette.awards.services")
    except ImportError:  # the awards service is being written alongside this app
        return Award.objects.create(recipient=recipient, badge=badge, awarded_at=timezone.now())
    award: Award = services.award_create(recipient=recipient, badge=badge, actor=None)
    return award


def set_status(award: Award, status: str, reason: str = "") -> None:
    """Change an award's status as the awards service will, then sync the status lists."""
    from rosette.credentials.services import credential_status_sync

    Award.objects.filter(pk=award.pk).update(status=status, status_reason=reason)
    award.refresh_from_db()
    credential_status_sync(award=award)
