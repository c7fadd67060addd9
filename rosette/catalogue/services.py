"""State changes of the catalogue: each one a function, in one transaction, audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rosette.catalogue.artwork import ImageRejected, check_image
from rosette.catalogue.models import (
    Badge,
    BadgeVersion,
    Category,
    Issuer,
    IssuerStaff,
    LearningMaterial,
    Question,
)
from rosette.core.models import record_event
from rosette.core.people import Person
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
    actor: Person | None,
    description: str,
    criteria: str,
    questions: Sequence[QuestionSpec],
    overall_min_words: int = 0,
    allow_link: bool = True,
    allow_media: bool = True,
    activities: str = "",
    discussion_task: str = "",
    declaration: str = "",
    data_sharing: str = "",
    learning_hours: Decimal | None = None,
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
        activities=activities,
        discussion_task=discussion_task,
        declaration=declaration,
        data_sharing=data_sharing,
        learning_hours=learning_hours,
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
def badge_version_publish(*, version: BadgeVersion, actor: Person | None) -> BadgeVersion:
    """Publish a version: from now on new applications start under it; it never changes."""
    version = BadgeVersion.objects.select_for_update().get(pk=version.pk)
    if version.published_at is not None:
        raise CatalogueError(_("This version is already published."))
    problems = publish_problems(version)
    if problems:
        raise CatalogueError(" ".join(problems))
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


def publish_problems(version: BadgeVersion) -> list[str]:
    """What stops a version being published, in words for the issuer admin (none: it can be)."""
    badge = version.badge
    problems = []
    if badge.status == Badge.Status.ARCHIVED:
        problems.append(_("A retired badge cannot be published."))
    if badge.is_pathway:
        if not badge.components.exists():
            problems.append(_("Choose the badges that contribute to this pathway."))
        return problems
    questions = list(version.questions.all())
    if not questions:
        problems.append(_("Add at least one evidence question."))
    if not version.criteria.strip():
        problems.append(_("Say what a learner must do to be awarded the badge (criteria)."))
    if not (version.allow_text or version.allow_link or version.allow_media):
        problems.append(_("Accept at least one kind of evidence: typed, a link or a recording."))
    return problems


@transaction.atomic
def material_add(
    *,
    badge: Badge,
    actor: Person | None,
    title: str,
    filename: str = "",
    content: bytes | None = None,
    url: str = "",
    description: str = "",
    position: int | None = None,
) -> LearningMaterial:
    """Attach a learning material to a badge: a file (such as a handout, checked by the
    caller's upload rules) or a link (such as a safeguarding guide elsewhere)."""
    if (content is None) == (not url):
        raise CatalogueError(_("Give a file or a link, not both."))
    if position is None:
        last = badge.materials.order_by("-position").first()
        position = last.position + 1 if last else 0
    material = LearningMaterial(
        badge=badge, title=title, description=description, position=position, url=url
    )
    if content is not None:
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
def material_remove(*, material: LearningMaterial, actor: Person | None) -> None:
    """Take a learning material off a badge (its stored file is deleted)."""
    badge, title = material.badge, material.title
    if material.file:
        material.file.delete(save=False)
    material.delete()
    stamps_change(CATALOGUE)  # what the public pages show
    record_event(
        action="catalogue:material:remove",
        subject=badge,
        actor=actor,
        data={"badge": badge.slug, "title": title},
    )


@transaction.atomic
def issuer_create(
    *,
    actor: Person | None,
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
        issuer.image.save(*_as_file(_image(image, square=False)), save=False)
    issuer.save()
    record_event(action="catalogue:issuer:create", subject=issuer, actor=actor)
    stamps_change(CATALOGUE, issuer_stamp(issuer.slug))
    return issuer


@transaction.atomic
def issuer_staff_add(
    *, issuer: Issuer, user: Person, role: str, actor: Person | None
) -> IssuerStaff:
    """Make a person an assessor or admin of an issuer (they will be asked to set up MFA)."""
    staff, created = IssuerStaff.objects.get_or_create(issuer=issuer, user=user, role=role)
    if created:
        record_event(
            action="catalogue:issuer_staff:add",
            subject=issuer,
            actor=actor,
            data={"user": str(user.public_id), "role": role},
        )
    return staff


def _unique_badge_slug(name: str) -> str:
    base = slugify(name)[:40] or "badge"
    slug, n = base, 1
    while Badge.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _image(image: tuple[str, bytes], *, square: bool = True) -> tuple[str, bytes]:
    """A badge's image (a square PNG or SVG within limits) or an issuer's logo (any shape),
    checked, with a file name that says what it really is."""
    try:
        extension = check_image(image[1], square=square)
    except ImageRejected as exc:
        raise CatalogueError(str(exc)) from exc
    return f"image{extension}", image[1]


@transaction.atomic
def badge_create(
    *,
    issuer: Issuer,
    actor: Person | None,
    name: str,
    summary: str,
    slug: str = "",
    category: Category | None = None,
    kind: str = Badge.Kind.STANDARD,
    prerequisites: Sequence[Badge] = (),
    components: Sequence[Badge] = (),
    components_required: int | None = None,
    image: tuple[str, bytes] | None = None,
    position: int = 0,
) -> Badge:
    """Create a badge (a draft until its first version is published). A pathway badge gets
    its contributing badges here or later (``pathway_set``), before it is published."""
    badge = Badge(
        issuer=issuer,
        slug=slug or _unique_badge_slug(name),
        name=name,
        summary=summary,
        category=category,
        kind=kind,
        position=position,
    )
    if image is not None:
        badge.image.save(*_as_file(_image(image)), save=False)
    badge.save()
    if prerequisites:
        _prerequisites_check(badge, prerequisites)
        badge.prerequisites.set(prerequisites)
    if components:
        _components_check(badge, components, components_required)
        badge.components.set(components)
        badge.components_required = components_required
        badge.save(update_fields=["components_required"])
    record_event(
        action="catalogue:badge:create", subject=badge, actor=actor, data={"slug": badge.slug}
    )
    stamps_change(CATALOGUE)
    return badge


def _as_file(image: tuple[str, bytes]) -> tuple[str, ContentFile[bytes]]:
    return image[0], ContentFile(image[1])


@transaction.atomic
def badge_update(
    *,
    badge: Badge,
    actor: Person | None,
    name: str,
    summary: str,
    category: Category | None,
    image: tuple[str, bytes] | None = None,
) -> Badge:
    """Change what the catalogue shows of a badge: its name, summary, category and image.
    (What a learner must do changes through a new version.)"""
    badge = Badge.objects.select_for_update().get(pk=badge.pk)
    badge.name, badge.summary, badge.category = name, summary, category
    if image is not None:
        checked = _image(image)
        if badge.image:
            badge.image.delete(save=False)
        badge.image.save(*_as_file(checked), save=False)
    badge.save()
    stamps_change(CATALOGUE)  # what the public pages show
    record_event(
        action="catalogue:badge:update",
        subject=badge,
        actor=actor,
        data={"slug": badge.slug, "image": image is not None},
    )
    return badge


VERSION_FIELDS = (
    "description",
    "criteria",
    "activities",
    "discussion_task",
    "overall_min_words",
    "learning_hours",
    "allow_text",
    "allow_link",
    "allow_media",
    "allow_files",
    "declaration",
    "data_sharing",
)


@transaction.atomic
def badge_version_draft(*, badge: Badge, actor: Person | None) -> BadgeVersion:
    """The badge's draft version to edit: the one already started, or a new one copied from
    the latest version with its questions. Publishing it later leaves the earlier versions,
    and every application started under them, as they are."""
    badge = Badge.objects.select_for_update().get(pk=badge.pk)
    draft = badge.versions.filter(published_at__isnull=True).order_by("-number").first()
    if draft is not None:
        return draft
    if badge.status == Badge.Status.ARCHIVED:
        raise CatalogueError(_("A retired badge cannot be changed."))
    last = badge.versions.order_by("-number").first()
    if last is None:
        return badge_version_create(
            badge=badge, actor=actor, description=badge.summary, criteria="", questions=[]
        )
    draft = BadgeVersion.objects.create(
        badge=badge,
        number=last.number + 1,
        **{name: getattr(last, name) for name in VERSION_FIELDS},
    )
    Question.objects.bulk_create(
        Question(
            version=draft,
            position=q.position,
            prompt=q.prompt,
            min_words=q.min_words,
            guidance=q.guidance,
        )
        for q in last.questions.order_by("position")
    )
    record_event(
        action="catalogue:badge_version:draft",
        subject=draft,
        actor=actor,
        data={"badge": badge.slug, "number": draft.number, "from": last.number},
    )
    return draft


def _require_draft(version: BadgeVersion) -> BadgeVersion:
    locked = BadgeVersion.objects.select_for_update().select_related("badge").get(pk=version.pk)
    if locked.published_at is not None:
        raise CatalogueError(
            _("A published version never changes: start a new version to edit the badge.")
        )
    return locked


@transaction.atomic
def badge_version_edit(
    *, version: BadgeVersion, actor: Person | None, **changes: str | int | bool
) -> BadgeVersion:
    """Change what a draft version asks for (any of ``VERSION_FIELDS``)."""
    unknown = set(changes) - set(VERSION_FIELDS)
    if unknown:
        raise TypeError(f"Not a field of a badge version: {', '.join(sorted(unknown))}")
    version = _require_draft(version)
    for name, value in changes.items():
        setattr(version, name, value)
    version.save()
    record_event(
        action="catalogue:badge_version:edit",
        subject=version,
        actor=actor,
        data={"badge": version.badge.slug, "number": version.number, "fields": sorted(changes)},
    )
    return version


@transaction.atomic
def badge_version_questions_set(
    *, version: BadgeVersion, actor: Person | None, questions: Sequence[QuestionSpec]
) -> list[Question]:
    """Set a draft version's evidence questions, in order. A question kept at its place is
    changed in place, so what is attached to it (its rubric) stays."""
    version = _require_draft(version)
    existing = {q.position: q for q in version.questions.all()}
    kept = []
    for position, spec in enumerate(questions, start=1):
        question = existing.pop(position, None) or Question(version=version, position=position)
        question.prompt, question.min_words, question.guidance = (
            spec.prompt,
            spec.min_words,
            spec.guidance,
        )
        question.save()
        kept.append(question)
    Question.objects.filter(pk__in=[q.pk for q in existing.values()]).delete()
    record_event(
        action="catalogue:badge_version:questions",
        subject=version,
        actor=actor,
        data={
            "badge": version.badge.slug,
            "number": version.number,
            "min_words": [q.min_words for q in questions],
        },
    )
    return kept


def _prerequisites_check(badge: Badge, prerequisites: Sequence[Badge]) -> None:
    if any(p.pk == badge.pk for p in prerequisites):
        raise CatalogueError(_("A badge cannot be its own prerequisite."))
    # A prerequisite that (through others) requires this badge would lock both out.
    seen: set[int] = set()
    frontier = {p.pk for p in prerequisites}
    while frontier:
        if badge.pk in frontier:
            raise CatalogueError(
                _("These prerequisites would go round in a circle back to this badge.")
            )
        seen |= frontier
        frontier = (
            set(
                Badge.prerequisites.through.objects.filter(from_badge_id__in=frontier).values_list(
                    "to_badge_id", flat=True
                )
            )
            - seen
        )


@transaction.atomic
def badge_prerequisites_set(
    *, badge: Badge, actor: Person | None, prerequisites: Sequence[Badge]
) -> None:
    """The badges a learner must hold before submitting an application for this one."""
    _prerequisites_check(badge, prerequisites)
    badge.prerequisites.set(prerequisites)
    stamps_change(CATALOGUE)  # what the public pages show
    record_event(
        action="catalogue:badge:prerequisites",
        subject=badge,
        actor=actor,
        data={"prerequisites": sorted(p.slug for p in prerequisites)},
    )


def _components_check(
    badge: Badge, components: Sequence[Badge], components_required: int | None
) -> None:
    if not badge.is_pathway:
        raise CatalogueError(_("Only a pathway badge has contributing badges."))
    if not components:
        raise CatalogueError(_("Choose at least one badge that contributes to this pathway."))
    # A pathway may count towards another (ADR 0006), but never, through others, towards itself.
    seen: set[int] = set()
    frontier = {c.pk for c in components}
    while frontier:
        if badge.pk in frontier:
            raise CatalogueError(_("A pathway cannot count towards itself."))
        seen |= frontier
        frontier = (
            set(
                Badge.components.through.objects.filter(from_badge_id__in=frontier).values_list(
                    "to_badge_id", flat=True
                )
            )
            - seen
        )
    if components_required is not None and not 0 < components_required <= len(components):
        raise CatalogueError(
            _("The number of badges required must be between 1 and how many there are.")
        )


@transaction.atomic
def pathway_set(
    *,
    badge: Badge,
    actor: Person | None,
    components: Sequence[Badge],
    components_required: int | None,
) -> Badge:
    """Choose the badges that contribute to a pathway badge, and how many of them complete
    it (None: all of them). Their pages then say they count towards it."""
    badge = Badge.objects.select_for_update().get(pk=badge.pk)
    _components_check(badge, components, components_required)
    badge.components.set(components)
    badge.components_required = components_required
    badge.save(update_fields=["components_required", "updated_at"])
    stamps_change(CATALOGUE)  # what the public pages show
    record_event(
        action="catalogue:badge:pathway",
        subject=badge,
        actor=actor,
        data={
            "components": sorted(c.slug for c in components),
            "required": components_required,
        },
    )
    return badge


@transaction.atomic
def badge_retire(*, badge: Badge, actor: Person | None) -> Badge:
    """Stop offering a badge: it leaves the catalogue and nobody can start an application for
    it. Awards already made, and applications already started, are untouched."""
    badge = Badge.objects.select_for_update().get(pk=badge.pk)
    if badge.status == Badge.Status.ARCHIVED:
        return badge
    badge.status = Badge.Status.ARCHIVED
    badge.save(update_fields=["status", "updated_at"])
    stamps_change(CATALOGUE)  # what the public pages show
    record_event(action="catalogue:badge:retire", subject=badge, actor=actor)
    return badge


@transaction.atomic
def category_ensure(*, slug: str, name: str) -> Category:
    """The category with this slug, created the first time it is named."""
    category, _created = Category.objects.get_or_create(slug=slug, defaults={"name": name})
    return category


@transaction.atomic
def issuer_update(
    *,
    issuer: Issuer,
    actor: Person | None,
    name: str,
    description: str,
    url: str,
    email: str,
    image: tuple[str, bytes] | None = None,
    banner: tuple[str, bytes] | None = None,
    banner_alt: str | None = None,
    remove_image: bool = False,
    remove_banner: bool = False,
) -> Issuer:
    """Change the issuer's public profile: name, description, website, contact, its logo (in
    credentials, on its page and its badges' pages) and a banner for its public page, which
    must say in words what it shows. Both images are checked like a badge image but need not
    be square. ``None`` keeps an image (and the banner's words) as they are; ``remove_…``
    takes one away."""
    issuer = Issuer.objects.select_for_update().get(pk=issuer.pk)
    issuer.name, issuer.description, issuer.url, issuer.email = name, description, url, email
    checked_image = _image(image, square=False) if image is not None else None
    checked_banner = _image(banner, square=False) if banner is not None else None
    if banner_alt is not None:
        issuer.banner_alt = banner_alt.strip()[:250]
    keeps_banner = checked_banner is not None or (bool(issuer.banner) and not remove_banner)
    if keeps_banner and not issuer.banner_alt:
        raise CatalogueError(_("Say what the banner shows, for people who cannot see it."))
    for field, checked, remove in (
        (issuer.image, checked_image, remove_image),
        (issuer.banner, checked_banner, remove_banner),
    ):
        if (checked is not None or remove) and field:
            field.delete(save=False)
        if checked is not None:
            field.save(*_as_file(checked), save=False)
    if not keeps_banner:
        issuer.banner_alt = ""
    issuer.save()
    stamps_change(CATALOGUE, issuer_stamp(issuer.slug))  # what the public pages show
    record_event(
        action="catalogue:issuer:update",
        subject=issuer,
        actor=actor,
        data={
            "image": image is not None,
            "banner": banner is not None,
            "removed": [
                n for n, gone in (("image", remove_image), ("banner", remove_banner)) if gone
            ],
        },
    )
    return issuer
