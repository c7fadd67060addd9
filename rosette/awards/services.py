"""State changes of awards."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from rosette.awards.models import Award
from rosette.catalogue.models import Badge
from rosette.core.models import record_event


class AwardError(Exception):
    """An award rule was broken; the message is for the person who tried."""


@transaction.atomic
def award_create(*, recipient: Any, badge: Badge, actor: Any, application: Any = None) -> Award:
    """Give a badge to a person. Used by the award decision (assessment)."""
    if Award.objects.current().filter(recipient=recipient, badge=badge).exists():
        raise AwardError("This person already holds this badge.")
    award = Award.objects.create(recipient=recipient, badge=badge, awarded_at=timezone.now())
    record_event(
        action="awards:award:create",
        subject=award,
        actor=actor,
        data={
            "badge": badge.slug,
            "application": str(application.public_id) if application is not None else None,
        },
    )
    return award
