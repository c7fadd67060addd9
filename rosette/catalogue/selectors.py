"""Reads of the catalogue, shaped for pages; each costs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from rosette.catalogue import hooks
from rosette.catalogue.models import Badge, BadgeVersion, Category, Issuer, Question


def held_badge_ids(user: Any) -> set[int]:
    """Ids of the badges this person currently holds (none for an anonymous visitor)."""
    if not user.is_authenticated:
        return set()
    return hooks.held_badge_ids.call(user=user)


def current_version(badge: Badge) -> BadgeVersion | None:
    """The newest published version of a badge, with its questions."""
    return (
        badge.versions.published()
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("position")))
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    issuer: str = ""
    category: str = ""
    pathway: str = ""


def badge_list(*, filters: CatalogueFilters) -> QuerySet[Badge]:
    """Published badges matching the filters, with what a list row shows."""
    qs = (
        Badge.objects.published()
        .select_related("issuer", "category")
        .prefetch_related(
            Prefetch("pathways", queryset=Badge.objects.published().only("id", "name", "slug"))
        )
    )
    if filters.q:
        qs = qs.search(filters.q)
    if filters.issuer:
        qs = qs.filter(issuer__slug=filters.issuer)
    if filters.category:
        qs = qs.filter(category__slug=filters.category)
    if filters.pathway:
        qs = qs.filter(pathways__slug=filters.pathway, pathways__status=Badge.Status.PUBLISHED)
    return qs.distinct()


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The options of the catalogue's filters: only those that have published badges."""
    published = Badge.objects.published()
    return {
        "issuer": list(
            Issuer.objects.filter(badges__in=published)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ),
        "category": list(
            Category.objects.filter(badges__in=published)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        ),
        "pathway": list(published.pathways().order_by("name").values_list("slug", "name")),
    }


@dataclass(frozen=True)
class Prerequisite:
    badge: Badge
    held: bool


@dataclass(frozen=True)
class BadgePage:
    badge: Badge
    version: BadgeVersion | None
    prerequisites: list[Prerequisite]
    pathways: list[Badge]
    components: list[Prerequisite]
    materials: list[Any]
    held: bool
    open_application: Any = None

    @property
    def missing_prerequisites(self) -> list[Badge]:
        return [p.badge for p in self.prerequisites if not p.held]


def badge_page(*, badge: Badge, user: Any, version: BadgeVersion | None = None) -> BadgePage:
    """Everything the badge page shows, including what the viewer holds. ``version``: a
    draft to preview exactly as learners will see it once published (default: the current)."""
    held = held_badge_ids(user)
    prerequisites = [
        Prerequisite(badge=b, held=b.id in held) for b in badge.prerequisites.order_by("name")
    ]
    components = [
        Prerequisite(badge=b, held=b.id in held)
        for b in badge.components.published().order_by("position", "name")
    ]
    if version is not None:
        version = (
            BadgeVersion.objects.filter(pk=version.pk)
            .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("position")))
            .get()
        )
    return BadgePage(
        badge=badge,
        version=version or current_version(badge),
        prerequisites=prerequisites,
        pathways=_pathways_with_counts(badge),
        components=components,
        materials=list(badge.materials.all()),
        held=badge.id in held,
        open_application=_open_application(badge, user),
    )


def _pathways_with_counts(badge: Badge) -> list[Badge]:
    """The published pathways a badge contributes to, each with ``contributing``: how many
    published badges contribute to it ("one of eight badges…": counted, never typed)."""
    pathways = list(badge.pathways.published().order_by("name"))
    counts = {
        row["from_badge"]: row["n"]
        for row in Badge.components.through.objects.filter(
            from_badge__in=pathways, to_badge__status=Badge.Status.PUBLISHED
        )
        .values("from_badge")
        .annotate(n=Count("id"))
    }
    for pathway in pathways:
        pathway.contributing = counts.get(pathway.pk, 0)  # type: ignore[attr-defined]
    return pathways


def _open_application(badge: Badge, user: Any) -> Any:
    if not user.is_authenticated:
        return None
    return hooks.open_application.call(user=user, badge=badge)


def badge_for_public(*, slug: str) -> Badge:
    """A published badge by slug, or 404."""
    return get_object_or_404(
        Badge.objects.published().select_related("issuer", "category"), slug=slug
    )
