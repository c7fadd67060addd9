"""Reads of the catalogue, shaped for pages; each costs a fixed number of queries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from rosette.catalogue import hooks
from rosette.catalogue.models import Badge, BadgeVersion, Category, Issuer, Question
from rosette.core.people import AnyViewer

#: The statuses the awards app reports for a viewer's award of a badge (``catalogue.hooks``).
HELD = "active"
SUSPENDED = "suspended"


def award_statuses(user: AnyViewer) -> dict[int, str]:
    """The status of this person's award of each badge they have one of (not revoked), by
    badge id: ``HELD`` counts, ``SUSPENDED`` does not (ADR 0008; empty when anonymous)."""
    if not user.is_authenticated:
        return {}
    return hooks.award_statuses.call(user=user)


def held_badge_ids(user: AnyViewer) -> set[int]:
    """Ids of the badges this person holds now: neither suspended nor revoked (none for an
    anonymous visitor). ``AwardQuerySet.valid_now`` is the rule (ADR 0008)."""
    return {badge_id for badge_id, status in award_statuses(user).items() if status == HELD}


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
    status: str | None = None  # the viewer's award of it: "active", "suspended" or none

    @property
    def held(self) -> bool:
        """Held now: a suspended award does not count (ADR 0008)."""
        return self.status == HELD

    @property
    def suspended(self) -> bool:
        return self.status == SUSPENDED


class OpenApplication(Protocol):
    """The viewer's application in progress for a badge, as its page links to it. The workflow
    answers (``hooks.open_application``); the catalogue, below it, cannot name its model."""

    @property
    def public_id(self) -> uuid.UUID: ...


@dataclass(frozen=True)
class BadgePage:
    badge: Badge
    version: BadgeVersion | None
    prerequisites: list[Prerequisite]
    pathways: list[Badge]
    components: list[Prerequisite]
    materials: list[Any]
    status: str | None  # the viewer's award of this badge: "active", "suspended" or none
    open_application: OpenApplication | None = None
    viewer: AnyViewer | None = None

    @property
    def held(self) -> bool:
        return self.status == HELD

    @property
    def suspended(self) -> bool:
        return self.status == SUSPENDED

    @property
    def missing_prerequisites(self) -> list[Badge]:
        return [p.badge for p in self.prerequisites if not p.held]

    @property
    def pathway_progress(self) -> str:
        """HTML from the awards app, read only where the page shows it."""
        return hooks.pathway_progress_html.call(user=self.viewer, badge=self.badge)

    @property
    def guide_links(self) -> str:
        """HTML from the toolkits app, read only where the page shows it."""
        return hooks.guide_links_html.call(badge=self.badge)


def badge_page(*, badge: Badge, user: AnyViewer, version: BadgeVersion | None = None) -> BadgePage:
    """Everything the badge page shows, including what the viewer holds. ``version``: a
    draft to preview exactly as learners will see it once published (default: the current)."""
    statuses = award_statuses(user)
    prerequisites = [
        Prerequisite(badge=b, status=statuses.get(b.id))
        for b in badge.prerequisites.order_by("name")
    ]
    components = [
        Prerequisite(badge=b, status=statuses.get(b.id))
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
        status=statuses.get(badge.id),
        open_application=_open_application(badge, user),
        viewer=user,
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
        pathway.contributing = counts.get(pathway.pk, 0)  # type: ignore[attr-defined]  # an annotation for the page
    return pathways


def _open_application(badge: Badge, user: AnyViewer) -> OpenApplication | None:
    if not user.is_authenticated:
        return None
    return hooks.open_application.call(user=user, badge=badge)


def badge_for_public(*, slug: str) -> Badge:
    """A published badge by slug, or 404."""
    return get_object_or_404(
        Badge.objects.published().select_related("issuer", "category"), slug=slug
    )


def issuers_with_badges() -> QuerySet[Issuer]:
    """Issuers that publish at least one badge: who a learner or visitor can write to."""
    return Issuer.objects.filter(badges__status=Badge.Status.PUBLISHED).distinct()
