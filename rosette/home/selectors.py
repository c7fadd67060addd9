"""Reads for the landing page."""

from __future__ import annotations

from rosette.catalogue.models import Badge


def featured_badges() -> list[Badge]:
    """The introductory badges first: learners should start with them (guidance tip 1)."""
    return list(
        Badge.objects.published()
        .filter(prerequisites=None, kind=Badge.Kind.STANDARD)
        .select_related("issuer")
        .order_by("position", "name")[:3]
    )
