"""Reads of the toolkit, shaped for pages, plus the access helpers for assessments.

For the applications app:

- ``assessments_attachable(user=, badge=)``: the completed assessments this person may attach
  as evidence to an application for ``badge`` (those of guides linked to the badge).
- ``assessment_pdf(assessment=)``: the assessment's action plan as PDF bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rosette import privacy
from rosette.accounts.models import User
from rosette.catalogue.models import Badge
from rosette.core.models import AuditEvent
from rosette.toolkits.models import (
    BAND_LABELS,
    ChecklistItem,
    Guide,
    GuideVersion,
    RiskAssessment,
    RiskEntry,
    band_of,
)

# --- access helpers -------------------------------------------------------------------------


def _assessment_qs() -> QuerySet[RiskAssessment]:
    return RiskAssessment.objects.select_related("guide_version__guide", "owner", "organisation")


def _can_edit(user: User, assessment: RiskAssessment) -> bool:
    return assessment.owner_id == user.pk or assessment.contributors.filter(user=user).exists()


def assessment_for_viewer(*, user: User, public_id: Any) -> RiskAssessment:
    """An assessment this person may read: its owner, a contributor, or a manager of the
    organisation it is shared with. Anyone else gets 404."""
    assessment = _assessment_qs().filter(public_id=public_id).first()
    if assessment is None or not user.is_authenticated:
        raise Http404
    if _can_edit(user, assessment):
        return assessment
    if RiskAssessment.objects.shared_with_manager(user).filter(pk=assessment.pk).exists():
        return assessment
    raise Http404


def assessment_for_editor(*, user: User, public_id: Any) -> RiskAssessment:
    """An assessment this person may change (owner or contributor). A manager who may only
    read it gets 403; anyone else 404."""
    assessment = assessment_for_viewer(user=user, public_id=public_id)
    if not _can_edit(user, assessment):
        raise PermissionDenied
    return assessment


def assessment_for_owner(*, user: User, public_id: Any) -> RiskAssessment:
    """An assessment only its owner may manage (sharing, inviting): others who can see it
    get 403."""
    assessment = assessment_for_viewer(user=user, public_id=public_id)
    if assessment.owner_id != user.pk:
        raise PermissionDenied
    return assessment


def guide_for_public(*, slug: str) -> tuple[Guide, GuideVersion]:
    """A guide with a published version, and that version; or 404."""
    guide = Guide.objects.filter(slug=slug).first()
    version = guide.current_version() if guide else None
    if guide is None or version is None:
        raise Http404
    return guide, version


# --- lists ----------------------------------------------------------------------------------


def guide_list() -> list[tuple[Guide, GuideVersion]]:
    """Published guides with their current versions (two queries)."""
    versions = (
        GuideVersion.objects.filter(published_at__isnull=False)
        .select_related("guide")
        .order_by("guide__slug", "-number")
    )
    latest: dict[int, GuideVersion] = {}
    for version in versions:
        latest.setdefault(version.guide_id, version)
    return [(v.guide, v) for v in latest.values()]


def assessments_for_person(*, user: User) -> QuerySet[RiskAssessment]:
    """Assessments this person owns or contributes to, newest change first."""
    return RiskAssessment.objects.editable_by(user).select_related(
        "guide_version", "owner", "organisation"
    )


def assessments_shared_with_manager(*, user: User) -> QuerySet[RiskAssessment]:
    """Assessments staff chose to share with organisations this person manages."""
    return (
        RiskAssessment.objects.shared_with_manager(user)
        .select_related("guide_version", "owner", "organisation")
        .order_by("organisation__name", "-updated_at")
    )


def guides_for_badge(*, badge: Badge) -> list[tuple[Guide, GuideVersion]]:
    """Published guides linked to a badge, for its learning materials."""
    guides = {g.pk for g in Guide.objects.filter(badges=badge)}
    return [(g, v) for g, v in guide_list() if g.pk in guides]


def guide_links_html(*, badge: Badge) -> str:
    """ "Complete the handout online" links for the guides among a badge's materials, for its
    catalogue page (answers the catalogue's hook)."""
    return render_to_string("toolkits/_guide_links.html", {"guides": guides_for_badge(badge=badge)})


def assessments_attachable(*, user: User, badge: Badge) -> list[RiskAssessment]:
    """Completed assessments (owned by or contributed to by ``user``) of guides linked to
    ``badge``: what a learner may attach to an application as the completed handout."""
    return list(
        assessments_for_person(user=user)
        .filter(
            status=RiskAssessment.Status.COMPLETED,
            guide_version__guide__badges=badge,
        )
        .order_by("-completed_at")
    )


# --- one assessment -------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    band: str
    entries: list[RiskEntry]

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band])


# --- what could identify someone --------------------------------------------------------------
# Every free-text field of an assessment goes through rosette.privacy. A finding stays until the
# text changes or someone explains why it does not identify anyone (PrivacyExplanation); until
# then the assessment cannot be completed and the summary and PDF withhold it.

WITHHELD = "[…]"


def screened_texts(assessment: RiskAssessment) -> dict[str, str]:
    """Every free-text field of the assessment by its form field name."""
    texts = {"setting_description": assessment.setting_description}
    for entry in entries_of(assessment):
        p = f"e{entry.pk}"
        for i, answer in enumerate(entry.answers):
            texts[f"{p}_q{i}"] = answer
        texts[f"{p}_mitigation"] = entry.mitigation
        texts[f"{p}_role"] = entry.responsible_role
    for item in assessment.checklist.all():
        texts[f"c{item.pk}_notes"] = item.notes
    return texts


def explained_keys(assessment: RiskAssessment) -> dict[str, frozenset[str]]:
    keys: dict[str, set[str]] = {}
    for field, key in assessment.explanations.values_list("field", "key"):
        keys.setdefault(field, set()).add(key)
    return {field: frozenset(v) for field, v in keys.items()}


def findings_in(text: str, explained: frozenset[str] = frozenset()) -> list[privacy.Finding]:
    """Unexplained findings in one text. A text too long to screen is not cleared: all of it
    counts as one finding (the forms never let such a text in)."""
    try:
        return privacy.unexplained(text, explained)
    except privacy.TextTooLong:
        reason = _("This text is too long to check for anything that could identify someone.")
        return [privacy.Finding(0, len(text), "PERSON", 1.0, reason, text[:300])]


def unexplained_findings(assessment: RiskAssessment) -> dict[str, list[privacy.Finding]]:
    """What could identify someone in the assessment, by field, less what was explained."""
    explained = explained_keys(assessment)
    found = {
        field: findings_in(text, explained.get(field, frozenset()))
        for field, text in screened_texts(assessment).items()
    }
    return {field: findings for field, findings in found.items() if findings}


def field_names(assessment: RiskAssessment, fields: list[str]) -> list[str]:
    """Where each field is, in words: "risk 3, who is responsible"."""
    entries = {f"e{e.pk}": e.risk.rank for e in entries_of(assessment)}
    items = {f"c{i.pk}": (i.get_kind_display(), i.position) for i in assessment.checklist.all()}
    names = []
    for field in fields:
        prefix, _sep, part = field.partition("_")
        if prefix in entries:
            rank = entries[prefix]
            if part.startswith("q"):
                names.append(
                    _("risk %(rank)s, question %(n)s") % {"rank": rank, "n": int(part[1:]) + 1}
                )
            elif part == "mitigation":
                names.append(_("risk %(rank)s, what you will do") % {"rank": rank})
            else:
                names.append(_("risk %(rank)s, who is responsible") % {"rank": rank})
        elif prefix in items:
            kind, position = items[prefix]
            names.append(_("%(kind)s %(n)s, notes") % {"kind": kind, "n": position})
        else:
            names.append(_("about the setting"))
    return names


@dataclass(frozen=True)
class Shown:
    """Texts as the summary and the PDF print them: unexplained findings withheld."""

    findings: dict[str, list[privacy.Finding]]

    def text(self, field: str, text: str) -> str:
        found = self.findings.get(field)
        return privacy.redact(text, found, WITHHELD) if found else text


@dataclass(frozen=True)
class PrintedItem:
    """A checklist item as the summary and PDF print it."""

    kind: str
    text: str
    done: bool
    notes: str


@dataclass(frozen=True)
class PlanItem:
    entry: RiskEntry
    rows: list[tuple[str, str]]


def plan_rows(entry: RiskEntry, shown: Shown | None = None) -> list[tuple[str, str]]:
    """What the action plan says about one risk, as (key, value) rows. With ``shown``, what
    could identify someone and was not explained is withheld."""
    shown = shown or Shown({})
    not_given = _("Not given yet")
    p = f"e{entry.pk}"
    rows: list[tuple[str, str]] = []
    answers = zip(entry.risk.question_items(), entry.answers, strict=False)
    for i, (question, answer) in enumerate(answers):
        answer = shown.text(f"{p}_q{i}", answer)
        rows.append((question, linebreaksbr(answer) if answer else not_given))
    rating = (
        _("%(score)s (%(band)s): likelihood %(likelihood)s × impact %(impact)s")
        % {
            "score": entry.score,
            "band": BAND_LABELS[entry.band],
            "likelihood": entry.likelihood,
            "impact": entry.impact,
        }
        if entry.score is not None
        else _("Not rated yet")
    )
    rows += [
        (_("Rating in this setting"), rating),
        (
            _("What we will do"),
            linebreaksbr(shown.text(f"{p}_mitigation", entry.mitigation))
            if entry.mitigation
            else not_given,
        ),
        (_("Who is responsible"), shown.text(f"{p}_role", entry.responsible_role) or not_given),
        (
            _("Review by"),
            date_format(entry.review_by, "j F Y") if entry.review_by else not_given,
        ),
    ]
    return rows


@dataclass(frozen=True)
class AssessmentSummary:
    assessment: RiskAssessment
    ranked: list[RiskEntry]  # by local rating, highest first; unrated last
    heat_rows: list[list[HeatCell]]  # likelihood 5 (top) to 1; impact 1 to 5 left to right
    actions: list[PrintedItem]
    more_actions: list[PrintedItem]
    history: list[AuditEvent]
    contributors: list[Any]

    @property
    def unrated(self) -> list[RiskEntry]:
        return [e for e in self.ranked if e.score is None]

    @property
    def impact_scale(self) -> list[int]:
        return [1, 2, 3, 4, 5]

    shown: Shown = Shown({})

    @property
    def plan(self) -> list[PlanItem]:
        return [PlanItem(entry=e, rows=plan_rows(e, self.shown)) for e in self.ranked]

    @property
    def setting_description(self) -> str:
        return self.shown.text("setting_description", self.assessment.setting_description)

    @property
    def withheld(self) -> int:
        """How many findings the summary and PDF withhold."""
        return sum(len(found) for found in self.shown.findings.values())


def entries_of(assessment: RiskAssessment) -> list[RiskEntry]:
    return list(assessment.entries.select_related("risk").order_by("risk__rank"))


def assessment_summary(*, assessment: RiskAssessment, history: int = 20) -> AssessmentSummary:
    """What the result page and the PDF show."""
    entries = entries_of(assessment)
    ranked = sorted(entries, key=lambda e: (-(e.score or 0), -(e.likelihood or 0), e.risk.rank))
    heat_rows = [
        [
            HeatCell(
                likelihood=likelihood,
                impact=impact,
                band=band_of(likelihood * impact),
                entries=[e for e in entries if (e.likelihood, e.impact) == (likelihood, impact)],
            )
            for impact in range(1, 6)
        ]
        for likelihood in range(5, 0, -1)
    ]
    checklist = list(assessment.checklist.all())
    events = list(
        AuditEvent.objects.for_subject(assessment)
        .select_related("actor")
        .order_by("-at", "-pk")[:history]
    )
    contributors = [c.user for c in assessment.contributors.select_related("user")]
    shown = Shown(unexplained_findings(assessment))
    printed = [
        PrintedItem(i.kind, i.text, i.done, shown.text(f"c{i.pk}_notes", i.notes))
        for i in checklist
    ]
    return AssessmentSummary(
        assessment=assessment,
        ranked=ranked,
        heat_rows=heat_rows,
        actions=[i for i in printed if i.kind == ChecklistItem.Kind.ACTION],
        more_actions=[i for i in printed if i.kind == ChecklistItem.Kind.MORE],
        history=events,
        contributors=contributors,
        shown=shown,
    )


def assessment_pdf(*, assessment: RiskAssessment) -> bytes:
    """The completed assessment (heat map and action plan) as a printable PDF."""
    from weasyprint import HTML  # noqa: PLC0415 - heavy (about 1 s, 40 MB): only PDFs load it

    summary = assessment_summary(assessment=assessment, history=0)
    html = render_to_string("toolkits/assessment_pdf.html", {"summary": summary})
    return bytes(HTML(string=html).write_pdf())


def assessment_with_entries(*, assessment: RiskAssessment) -> RiskAssessment:
    """Re-read an assessment with what the editing page needs."""
    return (
        _assessment_qs()
        .prefetch_related(
            Prefetch("entries", queryset=RiskEntry.objects.select_related("risk")),
            "checklist",
        )
        .get(pk=assessment.pk)
    )
