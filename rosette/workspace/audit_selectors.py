"""The audit trail as an issuer admin may read it (ADR 0015).

``AuditEvent`` names its subject by type and id, and knows nothing of issuers (core is the
ground floor). An issuer's events are those whose subject belongs to the issuer: the issuer
itself, its badges, their versions and materials, its staff and invitations, applications
for its badges and awards of them. The learner's own conversations (manager reviews and
follow-ups), teams and toolkits are not the issuer's business and never show. The workspace
is the only floor above every app that owns such a subject, so the map lives here; it is one
query (a subquery per kind of subject), however long the trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import CharField, Model, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rosette.accounts.models import StaffInvitation
from rosette.applications.models import Application
from rosette.awards.models import Award
from rosette.catalogue.models import Badge, BadgeVersion, Issuer, IssuerStaff, LearningMaterial
from rosette.core.models import AuditEvent

PAGE_SIZE = 50


@dataclass(frozen=True)
class Kind:
    """A kind of subject: its model, how it belongs to an issuer, how to find it by text, and
    how to name it on the page."""

    key: str
    label: Any
    model: type[Model]
    issuer_path: str
    search: tuple[str, ...]
    name_fields: tuple[str, ...]


KINDS = [
    Kind("issuer", _("Issuer"), Issuer, "pk", ("name", "slug"), ("name",)),
    Kind("badge", _("Badge"), Badge, "issuer", ("name", "slug"), ("name",)),
    Kind(
        "version",
        _("Badge version"),
        BadgeVersion,
        "badge__issuer",
        ("badge__name", "badge__slug"),
        ("badge__name", "number"),
    ),
    Kind(
        "material",
        _("Learning material"),
        LearningMaterial,
        "badge__issuer",
        ("title", "badge__name"),
        ("title",),
    ),
    Kind(
        "staff",
        _("Staff role"),
        IssuerStaff,
        "issuer",
        ("user__name", "user__email"),
        ("user__name", "role"),
    ),
    Kind(
        "invitation",
        _("Staff invitation"),
        StaffInvitation,
        "issuer",
        ("email",),
        ("email", "role"),
    ),
    Kind(
        "application",
        _("Application"),
        Application,
        "badge__issuer",
        ("reference", "badge__name", "badge__slug"),
        ("reference", "badge__name"),
    ),
    Kind(
        "award",
        _("Award"),
        Award,
        "badge__issuer",
        ("code", "badge__name", "badge__slug"),
        ("badge__name", "recipient__name"),
    ),
]
_BY_TYPE = {kind.model._meta.label_lower: kind for kind in KINDS}
NAME_FIELDS = max(len(kind.name_fields) for kind in KINDS)
KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS]


@dataclass(frozen=True)
class AuditSearch:
    person: str = ""
    kind: str = ""
    subject: str = ""
    start: date | None = None
    end: date | None = None


def _owned(kind: Kind, issuer: Issuer, text: str) -> QuerySet[Any]:
    """The ids, as text (how AuditEvent stores them), of the issuer's subjects of a kind."""
    found = kind.model._default_manager.filter(**{kind.issuer_path: issuer.pk})
    if text:
        matches = Q()
        for name in kind.search:
            matches |= Q(**{f"{name}__icontains": text})
        found = found.filter(matches)
    return found.order_by().annotate(sid=Cast("pk", CharField())).values("sid")


def events_for_issuer(*, issuer: Issuer, search: AuditSearch) -> QuerySet[AuditEvent]:
    """The issuer's audit events that match the search, newest first."""
    text = search.subject.strip()[:100]
    scope = Q()
    for kind in KINDS:
        if search.kind and kind.key != search.kind:
            continue
        scope |= Q(
            subject_type=kind.model._meta.label_lower,
            subject_id__in=_owned(kind, issuer, text),
        )
    events = AuditEvent.objects.filter(scope) if scope else AuditEvent.objects.none()
    person = search.person.strip()[:100]
    if person:
        events = events.filter(Q(actor__name__icontains=person) | Q(actor__email__icontains=person))
    if search.start:
        events = events.filter(
            at__gte=timezone.make_aware(datetime.combine(search.start, time.min))
        )
    if search.end:
        events = events.filter(
            at__lt=timezone.make_aware(datetime.combine(search.end + timedelta(days=1), time.min))
        )
    return events.select_related("actor").order_by("-at", "-pk")


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    kind: Any
    name: str


def _names(events: list[AuditEvent]) -> dict[tuple[str, str], str]:
    """What each subject on the page is called: one query (a UNION ALL of one part per kind
    of subject on the page), however many events and of however many kinds."""
    wanted: dict[str, set[str]] = {}
    for event in events:
        wanted.setdefault(event.subject_type, set()).add(event.subject_id)
    parts = []
    for subject_type, ids in wanted.items():
        kind = _BY_TYPE[subject_type]
        fields = [*kind.name_fields, *[None] * (NAME_FIELDS - len(kind.name_fields))]
        parts.append(
            kind.model._default_manager.filter(pk__in=ids)
            .order_by()
            .annotate(
                subject_type=Value(subject_type, output_field=CharField()),
                sid=Cast("pk", CharField()),
                **{
                    f"name{i}": Cast(field, CharField())
                    if field
                    else Value("", output_field=CharField())
                    for i, field in enumerate(fields)
                },
            )
            .values("subject_type", "sid", *[f"name{i}" for i in range(NAME_FIELDS)])
        )
    if not parts:
        return {}
    names: dict[tuple[str, str], str] = {}
    for row in parts[0].union(*parts[1:], all=True):
        said = [str(row[f"name{i}"]) for i in range(NAME_FIELDS)]
        names[(row["subject_type"], row["sid"])] = " – ".join(p for p in said if p)
    return names


def event_page(*, issuer: Issuer, search: AuditSearch, page: Any = 1) -> Page[EventRow]:
    """A page of the issuer's events, each with what its subject is called (or that it is
    gone: a removed staff role, say)."""
    paged = Paginator(events_for_issuer(issuer=issuer, search=search), PAGE_SIZE).get_page(page)
    events = list(paged.object_list)
    names = _names(events)
    rows: list[Any] = [
        EventRow(
            event=event,
            kind=_BY_TYPE[event.subject_type].label,
            name=names.get((event.subject_type, event.subject_id), str(_("(no longer exists)"))),
        )
        for event in events
    ]
    paged.object_list = rows
    return paged  # type: ignore[return-value]  # rows, not events
