"""The workspace's few changes that span apps, each in one transaction. The rules stay in
each app's services; this only puts them together as an issuer admin's step."""

from __future__ import annotations

from django.db import transaction

from rosette.accounts.models import User
from rosette.assessment import services as assessment
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Badge, BadgeVersion, Category, Issuer


@transaction.atomic
def badge_author(
    *,
    issuer: Issuer,
    actor: User | None,
    name: str,
    summary: str,
    kind: str,
    category: Category | None,
    image: tuple[str, bytes] | None,
) -> tuple[Badge, BadgeVersion]:
    """A new badge with its first version as a draft, ready to be filled in."""
    badge = catalogue.badge_create(
        issuer=issuer,
        actor=actor,
        name=name,
        summary=summary,
        kind=kind,
        category=category,
        image=image,
    )
    return badge, catalogue.badge_version_draft(badge=badge, actor=actor)


@transaction.atomic
def badge_edit_start(*, badge: Badge, actor: User | None) -> BadgeVersion:
    """The draft version to edit: a new one copied from the latest, with its rubric, when
    every version is published (applications already started keep theirs)."""
    previous = badge.versions.filter(published_at__isnull=False).order_by("-number").first()
    draft = catalogue.badge_version_draft(badge=badge, actor=actor)
    if previous is not None and previous.number < draft.number:
        assessment.rubric_copy(source=previous, target=draft, actor=actor)
    return draft


@transaction.atomic
def badge_version_publish(*, version: BadgeVersion, actor: User | None) -> BadgeVersion:
    """Publish a draft version, with its rubric (the default one if none was written)."""
    if not version.badge.is_pathway:
        assessment.rubric_ensure(version=version)
    return catalogue.badge_version_publish(version=version, actor=actor)
