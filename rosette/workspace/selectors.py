"""Reads of the issuer's workspace: each object an issuer admin acts on comes through one
guarded read here (404 for anyone who does not administer its issuer, STYLE.md point 3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404

from rosette.accounts import roles
from rosette.accounts.models import User
from rosette.assessment.models import DeclineReason, Rubric
from rosette.awards.models import BadgeEndorsementRule
from rosette.catalogue.models import Badge, BadgeVersion, Issuer, LearningMaterial, Question


def issuers_for_admin(*, user: User) -> list[Issuer]:
    """The issuers this person administers."""
    return roles.issuers_administered_by(user)


def issuer_for_admin(*, user: User, slug: str) -> Issuer:
    """An issuer this person administers, or 404."""
    issuer = Issuer.objects.filter(slug=slug).first()
    if issuer is None or not roles.is_issuer_admin(user, issuer):
        raise Http404
    return issuer


def badge_for_admin(*, issuer: Issuer, slug: str) -> Badge:
    """One of the issuer's badges (any status), or 404."""
    badge = Badge.objects.select_related("issuer", "category").filter(issuer=issuer, slug=slug)
    found = badge.first()
    if found is None:
        raise Http404
    return found


def version_for_admin(*, badge: Badge, number: int) -> BadgeVersion:
    """A version of the badge, with its questions, or 404."""
    version = (
        BadgeVersion.objects.filter(badge=badge, number=number)
        .select_related("badge__issuer")
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("position")))
        .first()
    )
    if version is None:
        raise Http404
    return version


def material_for_admin(*, badge: Badge, public_id: Any) -> LearningMaterial:
    material = LearningMaterial.objects.filter(badge=badge, public_id=public_id).first()
    if material is None:
        raise Http404
    return material


def decline_reason_for_admin(*, issuer: Issuer, slug: str) -> DeclineReason:
    reason = DeclineReason.objects.filter(issuer=issuer, slug=slug, active=True).first()
    if reason is None:
        raise Http404
    return reason


def issuer_badges(*, issuer: Issuer) -> QuerySet[Badge]:
    """The issuer's badges for the workspace list: each with its newest version number, the
    number published, whether a draft is open, and the applications started under it, in a
    fixed number of queries however many there are."""
    return (
        Badge.objects.filter(issuer=issuer)
        .select_related("category")
        .annotate(
            latest_number=Max("versions__number"),
            published_versions=Count(
                "versions", filter=Q(versions__published_at__isnull=False), distinct=True
            ),
            draft_versions=Count(
                "versions", filter=Q(versions__published_at__isnull=True), distinct=True
            ),
            component_count=Count("components", distinct=True),
        )
        .order_by("status", "position", "name")
    )


@dataclass(frozen=True)
class BadgeOverview:
    """The task list of one badge: its versions, its draft, and how each section stands."""

    badge: Badge
    versions: list[BadgeVersion]
    draft: BadgeVersion | None
    current: BadgeVersion | None
    prerequisites: list[Badge]
    components: list[Badge]
    materials: list[LearningMaterial]
    endorsement_days: int | None
    rubric: Rubric | None
    applications_by_version: dict[int, int]


def badge_overview(*, badge: Badge) -> BadgeOverview:
    versions = list(badge.versions.annotate(started=Count("applications")).order_by("-number"))
    draft = next((v for v in versions if v.published_at is None), None)
    current = next((v for v in versions if v.published_at is not None), None)
    rule = BadgeEndorsementRule.objects.filter(badge=badge).first()
    rubric = Rubric.objects.filter(version=draft).first() if draft else None
    return BadgeOverview(
        badge=badge,
        versions=versions,
        draft=draft,
        current=current,
        prerequisites=list(badge.prerequisites.order_by("name")),
        components=list(badge.components.order_by("position", "name")),
        materials=list(badge.materials.all()),
        endorsement_days=rule.days if rule else None,
        rubric=rubric,
        applications_by_version={v.number: getattr(v, "started", 0) for v in versions},
    )


def badges_to_choose(*, exclude: Badge) -> QuerySet[Badge]:
    """Badges an admin may choose as prerequisites or as a pathway's badges: every badge not
    retired but this one (the views narrow it to standard badges, and a pathway to its own
    issuer's)."""
    return (
        Badge.objects.exclude(pk=exclude.pk)
        .exclude(status=Badge.Status.ARCHIVED)
        .select_related("issuer")
        .order_by("issuer__name", "position", "name")
    )
