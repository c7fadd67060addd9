"""Reads of awards, shaped for pages, and the access helpers that guard them (STYLE point 3).

A private award page is a 404 to everyone but the learner: the same response as a code that
does not exist, after the same single indexed lookup.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from rosette.accounts import roles
from rosette.accounts.http import Viewer
from rosette.accounts.models import User
from rosette.awards import pathways
from rosette.awards.models import STATUS_ACTIONS, Award, Endorsement, Evidence
from rosette.catalogue.artwork import badge_png
from rosette.catalogue.models import Badge, BadgeVersion, Issuer
from rosette.catalogue.selectors import current_version
from rosette.teams.models import Membership

NOT_COMPETENCE = gettext_lazy(
    "Badges show learning, not competence. They never replace mandatory training."
)


def _awards() -> QuerySet[Award]:
    return Award.objects.select_related("recipient", "badge__issuer", "application__version")


# --- access helpers ----------------------------------------------------------------------------


def award_for_viewer(*, code: str, user: Viewer) -> Award:
    """The award behind a page, if this person may see it; 404 otherwise."""
    award = _awards().filter(code=code).first()
    if award is None or not award.visible_to(user):
        raise Http404
    return award


def award_for_recipient(*, code: str, user: User) -> Award:
    """The learner's own award; 404 for anyone else."""
    award = _awards().filter(code=code).first()
    if award is None or award.recipient_id != getattr(user, "pk", None):
        raise Http404
    return award


def _managed_staff(user: User) -> QuerySet[Any]:
    """Ids of the people who are active staff where this person is an active manager."""
    organisations = Membership.objects.filter(
        user=user, role=Membership.Role.MANAGER, status=Membership.Status.ACTIVE
    ).values("organisation")
    return Membership.objects.filter(
        organisation__in=organisations,
        role=Membership.Role.STAFF,
        status=Membership.Status.ACTIVE,
    ).values("user")


def manages_recipient(*, award: Award, user: Viewer) -> bool:
    """Whether this person, signed in, is an active manager of the award's learner."""
    if not isinstance(user, User) or award.recipient_id == user.pk:
        return False
    return _managed_staff(user).filter(user=award.recipient_id).exists()


def award_for_manager(*, code: str, user: User) -> Award:
    """An award of someone the manager manages, unless its page is private; 404 otherwise."""
    award = (
        _awards()
        .filter(code=code, recipient__in=_managed_staff(user))
        .exclude(visibility=Award.Visibility.PRIVATE)
        .exclude(recipient=user)
        .first()
    )
    if award is None:
        raise Http404
    return award


def issuer_for_admin(*, slug: str, user: User) -> Issuer:
    issuer = get_object_or_404(Issuer, slug=slug)
    if not roles.is_issuer_admin(user, issuer):
        raise Http404
    return issuer


def award_for_issuer_admin(*, issuer: Issuer, code: str) -> Award:
    award = _awards().filter(code=code, badge__issuer=issuer).first()
    if award is None:
        raise Http404
    return award


def evidence_for_viewer(*, award: Award, public_id: Any, user: Viewer) -> Evidence:
    """A file of the award's evidence, if the viewer may see it: the learner always (unless
    withdrawn); others only while the evidence is shown and the award is not revoked."""
    try:
        evidence = award.evidence.select_related("answer", "attachment").get(public_id=public_id)
    except (Evidence.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    is_owner = award.recipient_id == getattr(user, "pk", None)
    if evidence.withdrawn_at is not None or not evidence.has_file:
        raise Http404
    if not is_owner and (not evidence.visible or award.status == Award.Status.REVOKED):
        raise Http404
    return evidence


# --- the award page ----------------------------------------------------------------------------


def version_of(award: Award) -> BadgeVersion | None:
    """The version the application was assessed under (else the badge's current one)."""
    if award.application is not None:
        return award.application.version

    return current_version(award.badge)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def linkedin_url(award: Award) -> str:
    """LinkedIn's "add to profile" link, with the certification filled in. Only a link."""
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": award.badge.name,
        "organizationName": award.badge.issuer.name,
        "issueYear": award.awarded_at.year,
        "issueMonth": award.awarded_at.month,
        "certUrl": absolute(award.get_absolute_url()),
        "certId": award.code,
    }
    return "https://www.linkedin.com/profile/add?" + urlencode(query)


@dataclass(frozen=True)
class Links:
    """The award page's links. Each credential document is ``None`` when this viewer may not
    fetch it (``Award.documents_visible_to``, ADR 0008); URLs are absolute."""

    page: str
    certificate: str
    linkedin: str
    ob3_png: str | None = None
    ob3_svg: str | None = None
    ob3_json: str | None = None
    ob2_png: str | None = None
    ob2_json: str | None = None

    @property
    def alternates(self) -> list[tuple[str, str]]:
        """(title, URL) of the credential documents, best first, for the page's
        ``<link rel="alternate">``: what a verifier given the page's address follows."""
        documents = (
            ("Open Badges 3.0 credential", self.ob3_json),
            ("Open Badges 2.0 assertion", self.ob2_json),
        )
        return [(title, url) for title, url in documents if url]

    @property
    def any_download(self) -> bool:
        return any((self.ob3_png, self.ob3_svg, self.ob3_json, self.ob2_png, self.ob2_json))


def links_for(award: Award, user: Viewer | None = None) -> Links:
    def url(name: str) -> str:
        return absolute(reverse(name, kwargs={"code": award.code}))

    named = award.documents_visible_to(user, carry_name=True)
    hashed = award.documents_visible_to(user, carry_name=False)
    return Links(
        page=absolute(award.get_absolute_url()),
        certificate=reverse("awards:certificate", kwargs={"code": award.code}),
        linkedin=linkedin_url(award),
        ob3_png=url("credentials:ob3_baked_png") if named else None,
        ob3_svg=url("credentials:ob3_baked_svg") if named else None,
        ob3_json=url("credentials:ob3_credential") if named else None,
        ob2_png=url("credentials:ob2_baked_png") if hashed else None,
        ob2_json=url("credentials:ob2_assertion") if hashed else None,
    )


@dataclass(frozen=True)
class AwardPage:
    award: Award
    version: BadgeVersion | None
    evidence: list[Evidence]
    endorsements: list[Endorsement]
    is_owner: bool
    links: Links
    pending: int = 0
    hidden_evidence: int = 0

    @property
    def og_image(self) -> str:
        """For link previews: a baked badge image that a stranger (a crawler) may fetch."""
        public = links_for(self.award)
        return (
            public.ob3_png
            or public.ob2_png
            or absolute(reverse("catalogue:badge_image", kwargs={"slug": self.award.badge.slug}))
        )

    @property
    def show_downloads(self) -> bool:
        """The credential files, for those who may fetch them (a revoked badge's: the learner)."""
        return self.links.any_download and (
            self.is_owner or self.award.status != Award.Status.REVOKED
        )

    @property
    def downloads_owner_only(self) -> bool:
        """Whether some files offered to the learner are not offered to people they share with."""
        return self.is_owner and not self.award.documents_visible_to(None, carry_name=True)

    @property
    def show_evidence(self) -> bool:
        """A revoked award keeps no evidence public."""
        return self.is_owner or self.award.status != Award.Status.REVOKED

    @property
    def can_endorse(self) -> bool:
        return not self.is_owner and self.award.takes_endorsements


def _evidence(award: Award) -> QuerySet[Evidence]:
    return award.evidence.select_related(
        "answer__question", "attachment", "contribution__badge"
    ).order_by("position", "pk")


def award_page(*, award: Award, user: Viewer | None) -> AwardPage:
    """Everything an award page shows to this viewer."""
    is_owner = award.recipient_id == getattr(user, "pk", None)
    items = [e for e in _evidence(award) if e.withdrawn_at is None]
    shown = [e for e in items if is_owner or e.visible]
    if not is_owner and award.status == Award.Status.REVOKED:
        shown = []
    pending = (
        award.endorsements.filter(status=Endorsement.Status.PENDING).count() if is_owner else 0
    )
    return AwardPage(
        award=award,
        version=version_of(award),
        evidence=shown,
        endorsements=list(award.endorsements.published().order_by("confirmed_at"))
        if award.status != Award.Status.REVOKED
        else [],
        is_owner=is_owner,
        links=links_for(award, user),
        pending=pending,
        hidden_evidence=sum(1 for e in items if not e.visible),
    )


def evidence_for_settings(award: Award) -> list[Evidence]:
    return list(_evidence(award))


def endorsements_for_learner(award: Award) -> list[Endorsement]:
    """Confirmed endorsements, waiting ones first. Unconfirmed ones are not the learner's
    business yet (and may never be confirmed)."""
    order: dict[str, int] = {"pending": 0, "published": 1}
    rows = list(award.endorsements.confirmed().select_related("endorser"))
    return sorted(rows, key=lambda e: (order.get(e.status, 2), -e.created_at.timestamp()))


def endorsement_for_learner(*, award: Award, public_id: Any) -> Endorsement:
    try:
        return award.endorsements.confirmed().get(public_id=public_id)
    except (Endorsement.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


# --- lists -------------------------------------------------------------------------------------


def award_statuses_of(*, user: User) -> dict[int, str]:
    """The status of this signed-in person's award of each badge, revoked ones left out
    (answers the catalogue's hook; one query)."""
    return dict(Award.objects.current().filter(recipient=user).values_list("badge_id", "status"))


@dataclass(frozen=True)
class Progress:
    pathway: Badge
    held: list[Badge]  # held now (valid now)
    missing: list[Badge]  # not held now, suspended ones included
    required: int
    total: int
    suspended: list[Badge] = field(default_factory=list)  # awarded, but suspended: not counted

    @property
    def held_count(self) -> int:
        return min(len(self.held), self.required)

    @property
    def complete(self) -> bool:
        return len(self.held) >= self.required


def pathway_progress(
    *, user: User, badges: list[Badge] | None = None, started_only: bool = True
) -> list[Progress]:
    """How far this person is towards each pathway badge (those given, or all published ones),
    counting only badges held now (ADR 0008). Three queries whatever the number of pathways."""
    if not getattr(user, "is_authenticated", False):
        return []
    statuses = dict(
        Award.objects.current().filter(recipient=user).values_list("badge_id", "status")
    )
    held = {badge for badge, status in statuses.items() if status == Award.Status.ACTIVE}
    pathways = Badge.objects.published().pathways()
    if badges is not None:
        pathways = pathways.filter(pk__in=[b.pk for b in badges])
    pathways = pathways.prefetch_related(
        Prefetch("components", queryset=Badge.objects.order_by("position", "name"))
    ).order_by("position", "name")
    result = []
    for pathway in pathways:
        components = list(pathway.components.all())
        if not components:
            continue
        have = [c for c in components if c.id in held]
        if started_only and not have:
            continue
        if pathway.id in held:  # held: nothing left to go "towards"
            continue
        required = min(pathway.components_required or len(components), len(components))
        result.append(
            Progress(
                pathway=pathway,
                held=have,
                missing=[c for c in components if c.id not in held],
                required=required,
                total=len(components),
                suspended=[c for c in components if statuses.get(c.id) == Award.Status.SUSPENDED],
            )
        )
    return result


def pathway_progress_html(*, user: User, badge: Badge) -> str:
    """For a signed-in viewer of a badge page: "3 of 8 towards …" for the pathways this badge
    belongs to (or for this badge, if it is a pathway badge), unless the pathway is already held.
    Answers the catalogue's hook."""
    progress: list[Progress] = []
    if user.is_authenticated:
        pathways = [badge] if badge.is_pathway else list(badge.pathways.published())
        if pathways:
            progress = pathway_progress(user=user, badges=pathways, started_only=False)
    return render_to_string("awards/_badge_progress.html", {"progress": progress})


def awards_for_learner(*, user: User) -> list[Award]:
    """All the learner's awards, revoked ones too, for their badges page (one query)."""
    return list(
        Award.objects.filter(recipient=user)
        .select_related("badge__issuer")
        .annotate(
            pending_endorsements=Count(
                "endorsements", filter=Q(endorsements__status=Endorsement.Status.PENDING)
            ),
            published_endorsements=Count(
                "endorsements", filter=Q(endorsements__status=Endorsement.Status.PUBLISHED)
            ),
        )
        .order_by("-awarded_at")
    )


def team_awards(*, user: User) -> list[Award]:
    """Awards of the people this manager manages (not private pages), newest first."""
    return list(
        Award.objects.current()
        .filter(recipient__in=_managed_staff(user))
        .exclude(visibility=Award.Visibility.PRIVATE)
        .exclude(recipient=user)
        .select_related("recipient", "badge__issuer")
        .annotate(endorsed_by_me=Count("endorsements", filter=Q(endorsements__endorser=user)))
        .order_by("-awarded_at")[:200]
    )


def issuer_awards(*, issuer: Issuer, status: str = "") -> QuerySet[Award]:
    """The issuer's awards, newest first, for the admin's list (paginated by the view)."""
    qs = Award.objects.filter(badge__issuer=issuer).select_related("recipient", "badge")
    if status in Award.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by("-awarded_at", "-pk")


# --- what a status change brings with it -------------------------------------------------------


def status_change_effects(*, award: Award) -> dict[str, list[pathways.Step]]:
    """For each action an issuer admin may take on this award now (suspend, revoke,
    restore): what else would change with it, computed by the very plan the service follows
    (``pathways.plan``), so the status page says before the admin confirms what will happen."""
    effects: dict[str, list[pathways.Step]] = {}
    for action, (sources, target) in STATUS_ACTIONS.items():
        if award.status not in sources:
            continue
        state = pathways.holdings(award.recipient)
        state.change(award, target)
        became = {award.badge_id} if target == Award.Status.ACTIVE else set()
        effects[action] = pathways.plan(state, became_valid=became)
    return effects


# --- the certificate ---------------------------------------------------------------------------


def qr_svg(url: str) -> SafeString:
    """A QR code of the URL as inline SVG (segno writes the markup; the URL is ours)."""
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, omitsize=False)
    return mark_safe(svg)  # noqa: S308 - generated by segno from our own URL


def certificate_pdf(*, award: Award) -> bytes:
    """The award as a printable certificate: name, badge, issuer, date, page URL and QR code."""
    from weasyprint import HTML  # noqa: PLC0415 - heavy (about 1 s, 40 MB): only PDFs load it
    from weasyprint.urls import URLFetcher  # noqa: PLC0415 - as above

    url = absolute(award.get_absolute_url())
    image = base64.b64encode(badge_png(award.badge)).decode()
    html = render_to_string(
        "awards/certificate.html",
        {
            "award": award,
            "url": url,
            "qr": qr_svg(url),
            "image": f"data:image/png;base64,{image}",
            "not_competence": NOT_COMPETENCE,
        },
    )
    # The certificate fetches nothing: its images are inline.
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return bytes(HTML(string=html, url_fetcher=fetcher).write_pdf())


@dataclass
class LearnerBadges:
    awards: list[Award] = field(default_factory=list)
    progress: list[Progress] = field(default_factory=list)


def learner_badges(*, user: User) -> LearnerBadges:
    return LearnerBadges(awards=awards_for_learner(user=user), progress=pathway_progress(user=user))


# --- reports and the learner's record (ADR 0015) -----------------------------------------------


def award_counts_by_badge(
    *, issuer: Issuer, since: datetime, until: datetime, badge: Badge | None = None
) -> list[dict[str, Any]]:
    """Awards made in the period for each of the issuer's badges (pathway badges included),
    with how many are held now (not revoked): one query."""
    found = Award.objects.filter(badge__issuer=issuer, awarded_at__gte=since, awarded_at__lt=until)
    if badge is not None:
        found = found.filter(Q(badge=badge) | Q(badge__components=badge))
    return list(
        found.order_by()
        .values("badge__name", "badge__kind")
        .annotate(total=Count("pk"), held=Count("pk", filter=~Q(status=Award.Status.REVOKED)))
        .order_by("-total", "badge__name")
    )


@dataclass(frozen=True)
class RecordEntry:
    """One badge on the learner's record for registration."""

    award: Award
    criteria: list[str]
    hours: Decimal | None
    url: str


@dataclass(frozen=True)
class LearnerRecord:
    name: str
    email: str
    entries: list[RecordEntry]
    made_at: datetime

    @property
    def total_hours(self) -> Decimal | None:
        hours = [e.hours for e in self.entries if e.hours is not None]
        return sum(hours, Decimal(0)) if hours else None


def learner_record(*, user: User, now: datetime | None = None) -> LearnerRecord:
    """The learner's badges for their professional registration (post-registration training
    and learning, PRTL): each held badge (revoked ones left out), when it was awarded, the
    criteria it was assessed against (the version the learner applied under; for a pathway
    badge, its latest published version) and the hours of learning, if the issuer gave them.
    Two queries, however many badges."""
    awards = (
        Award.objects.current()
        .filter(recipient=user)
        .select_related("badge__issuer", "application__version")
        .prefetch_related(
            Prefetch(
                "badge__versions",
                queryset=BadgeVersion.objects.published().order_by("-number"),
                to_attr="published_versions",
            )
        )
        .order_by("awarded_at", "pk")
    )
    entries = []
    for award in awards:
        version = award.application.version if award.application else None
        if version is None:
            published = award.badge.published_versions  # type: ignore[attr-defined]  # prefetched
            version = published[0] if published else None
        entries.append(
            RecordEntry(
                award=award,
                criteria=version.criteria_items() if version else [],
                hours=version.learning_hours if version else None,
                url=absolute(award.get_absolute_url()),
            )
        )
    return LearnerRecord(
        name=user.name, email=user.email, entries=entries, made_at=now or timezone.now()
    )


def learner_record_pdf(*, record: LearnerRecord) -> bytes:
    """The learner's record as a PDF to keep with their PRTL record."""
    from weasyprint import HTML  # noqa: PLC0415 - heavy (about 1 s, 40 MB): only PDFs load it
    from weasyprint.urls import URLFetcher  # noqa: PLC0415 - as above

    html = render_to_string(
        "awards/record.html", {"record": record, "not_competence": NOT_COMPETENCE}
    )
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return bytes(HTML(string=html, url_fetcher=fetcher).write_pdf())
