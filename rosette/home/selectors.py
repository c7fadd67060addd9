"""Reads for the landing page and the signed-in home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rosette.accounts.models import User
from rosette.applications.models import Application, Attempt, Review
from rosette.awards.models import Endorsement
from rosette.catalogue.models import Badge


def featured_badges() -> list[Badge]:
    """The introductory badges first: learners should start with them (guidance tip 1)."""
    return list(
        Badge.objects.published()
        .filter(prerequisites=None, kind=Badge.Kind.STANDARD)
        .select_related("issuer")
        .order_by("position", "name")[:3]
    )


@dataclass(frozen=True)
class Waiting:
    text: str
    url: str


def waiting_for_learner(*, user: User) -> list[Waiting]:
    """What waits for this learner to act on, at the top of their home page: comments from a
    manager or tutor they have not acted on yet (the draft has not changed since), returned
    applications, endorsements to publish or hide. Three queries."""
    waiting = []
    last_change = (
        Attempt.objects.filter(application=OuterRef("application"))
        .order_by("-number")
        .values("updated_at")[:1]
    )
    commented = list(
        Review.objects.active()
        .filter(
            application__learner=user,
            application__status__in=[Application.Status.DRAFT, Application.Status.RETURNED],
            reviewed_at__isnull=False,
        )
        .annotate(last_change=Subquery(last_change))
        .filter(reviewed_at__gt=F("last_change"))
        .select_related("application__badge")
        .order_by("-reviewed_at")
    )
    for review in commented:
        waiting.append(
            Waiting(
                _("New comments on your draft for %(badge)s")
                % {"badge": review.application.badge.name},
                reverse("applications:edit", kwargs={"public_id": review.application.public_id}),
            )
        )
    returned = list(
        Application.objects.filter(learner=user, status=Application.Status.RETURNED)
        .select_related("badge")
        .order_by("-updated_at")
    )
    for application in returned:
        waiting.append(
            Waiting(
                _("%(badge)s was returned: read the feedback and revise your evidence")
                % {"badge": application.badge.name},
                reverse("applications:edit", kwargs={"public_id": application.public_id}),
            )
        )
    endorsements = Endorsement.objects.filter(
        award__recipient=user, status=Endorsement.Status.PENDING
    ).count()
    if endorsements:
        waiting.append(
            Waiting(
                ngettext(
                    "%(n)s endorsement to publish or hide",
                    "%(n)s endorsements to publish or hide",
                    endorsements,
                )
                % {"n": endorsements},
                reverse("awards:mine"),
            )
        )
    return waiting
