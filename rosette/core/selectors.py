"""Cross-app reads for the landing and home pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rosette.applications.selectors import HomeApplications, applications_for_home
from rosette.awards.models import Award
from rosette.catalogue.models import Badge


def featured_badges() -> list[Badge]:
    """The introductory badges first: learners should start with them (guidance tip 1)."""
    return list(
        Badge.objects.published()
        .filter(prerequisites=None, kind=Badge.Kind.STANDARD)
        .select_related("issuer")
        .order_by("position", "name")[:3]
    )


@dataclass
class Home:
    applications: HomeApplications
    awards: list[Award] = field(default_factory=list)


def home_for(*, user: Any) -> Home:
    """What a signed-in person sees first."""
    return Home(
        applications=applications_for_home(user=user),
        awards=list(Award.objects.current().filter(recipient=user).select_related("badge")),
    )
