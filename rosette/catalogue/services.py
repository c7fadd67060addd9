"""State changes of the catalogue: each one a function, in one transaction, audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rosette.catalogue.models import Badge, BadgeVersion, Issuer, LearningMaterial, Question
from rosette.core.models import record_event
from rosette.core.public_cache import CATALOGUE, issuer_stamp, stamps_change


class CatalogueError(Exception):
    """A catalogue rule was broken; the message is for the person who tried."""


@dataclass(frozen=True)
class QuestionSpec:
    prompt: str
    min_words: int = 0
    guidance: str = ""


@transaction.atomic
def badge_version_create(
    *,
    badge: Badge,
    actor: Any,
    description: str,
    criteria: str,
    questions: Sequence[QuestionSpec],
    overall_min_words: int = 0,
    allow_link: bool = True,
    allow_media: bool = True,
) -> BadgeVersion:
    """Draft a new version of a badge's requirements (not visible until published)."""
    last = badge.versions.order_by("-number").first()
    version = BadgeVersion.objects.create(
        badge=badge,
        number=(last.number + 1) if last else 1,
        description=description,
        criteria=criteria,
        overall_min_words=overall_min_words,
        allow_link=allow_link,
        allow_media=allow_media,
    )
    Question.objects.bulk_create(
        Question(
            version=version,
            position=i,
            prompt=q.prompt,
            min_words=q.min_words,
            guidance=q.guidance,
        )
        for i, q in enumerate(questions, start=1)
    )
    record_event(
        action="catalogue:badge_version:create",
        subject=version,
        actor=actor,
        data={"badge": badge.slug, "number": version.number},
    )
    stamps_change(CATALOGUE)
    return version


@transaction.atomic
def badge_version_publish(*, version: BadgeVersion, actor: Any) -> BadgeVersion:
    """Publish a version: from now on new applications start under it; it never changes."""
    version = BadgeVersion.objects.select_for_update().get(pk=version.pk)
    if version.published_at is not None:
        raise CatalogueError("This version is already published.")
    if not version.badge.is_pathway and not version.questions.exists():
        raise CatalogueError("A badge version needs at least one evidence question.")
    version.published_at = timezone.now()
    version.save(update_fields=["published_at", "updated_at"])
    badge = version.badge
    if badge.status != Badge.Status.PUBLISHED:
        badge.status = Badge.Status.PUBLISHED
        badge.save(update_fields=["status", "updated_at"])
    record_event(
        action="catalogue:badge_version:publish",
        subject=version,
        actor=actor,
        data={"badge": badge.slug, "number": version.number},
    )
    stamps_change(CATALOGUE)  # the badge's pages and OB 2.0 BadgeClass
    return version


@transaction.atomic
def material_add(
    *,
    badge: Badge,
    actor: Any,
    title: str,
    filename: str,
    content: bytes,
    description: str = "",
    position: int = 0,
) -> LearningMaterial:
    """Attach a downloadable learning material (such as a handout) to a badge."""
    material = LearningMaterial(
        badge=badge, title=title, description=description, position=position
    )
    material.file.save(filename, ContentFile(content), save=False)
    material.save()
    record_event(
        action="catalogue:material:add",
        subject=material,
        actor=actor,
        data={"badge": badge.slug, "title": title},
    )
    stamps_change(CATALOGUE)
    return material


@transaction.atomic
def issuer_create(
    *,
    actor: Any,
    slug: str,
    name: str,
    email: str,
    description: str = "",
    url: str = "",
    assessment_days: int = 28,
    image: tuple[str, bytes] | None = None,
    privacy_policy: str = Issuer.PrivacyPolicy.BLOCK,
) -> Issuer:
    """Register an issuing organisation."""
    issuer = Issuer(
        slug=slug,
        name=name,
        email=email,
        description=description,
        url=url,
        assessment_days=assessment_days,
        privacy_policy=privacy_policy,
    )
    if image is not None:
        issuer.image.save(image[0], ContentFile(image[1]), save=False)
    issuer.save()
    record_event(action="catalogue:issuer:create", subject=issuer, actor=actor)
    stamps_change(CATALOGUE, issuer_stamp(issuer.slug))
    return issuer


@transaction.atomic
def issuer_staff_add(*, issuer: Any, user: Any, role: str, actor: Any) -> Any:
    """Make a person an assessor or admin of an issuer (they will be asked to set up MFA)."""
    from rosette.catalogue.models import IssuerStaff

    staff, created = IssuerStaff.objects.get_or_create(issuer=issuer, user=user, role=role)
    if created:
        record_event(
            action="catalogue:issuer_staff:add",
            subject=issuer,
            actor=actor,
            data={"user": str(user.public_id), "role": role},
        )
    return staff


@transaction.atomic
def badge_create(
    *,
    issuer: Any,
    actor: Any,
    slug: str,
    name: str,
    summary: str,
    category: Any = None,
    kind: str = Badge.Kind.STANDARD,
    prerequisites: Sequence[Badge] = (),
    components: Sequence[Badge] = (),
    components_required: int | None = None,
    image: tuple[str, bytes] | None = None,
    position: int = 0,
) -> Badge:
    """Create a badge (a draft until its first version is published)."""
    if kind == Badge.Kind.PATHWAY and not components:
        raise CatalogueError("A pathway badge needs the badges that contribute to it.")
    if components_required is not None and not 0 < components_required <= len(components):
        raise CatalogueError(
            "The number of badges required must be between 1 and how many there are."
        )
    badge = Badge(
        issuer=issuer,
        slug=slug,
        name=name,
        summary=summary,
        category=category,
        kind=kind,
        components_required=components_required,
        position=position,
    )
    if image is not None:
        badge.image.save(image[0], ContentFile(image[1]), save=False)
    badge.save()
    badge.prerequisites.set(prerequisites)
    badge.components.set(components)
    record_event(action="catalogue:badge:create", subject=badge, actor=actor, data={"slug": slug})
    stamps_change(CATALOGUE)
    return badge
