"""Reports for an issuer's admins (C12; docs/adr/0015-issuer-people-and-reports.md).

Each report is one aggregate query in the database, whatever the number of applications: the
rows that come back are grouped by month, outcome, reason or (for the time to a decision) by
the pair of calendar days submitted and decided, so their number follows the date range, not
the volume. Percentiles are then read from those counts in Python (nearest rank), which is
the same on SQLite and PostgreSQL (neither has to support PERCENTILE_CONT).

A report is a title, column headings and rows, which the page shows as a table beside its
chart and the CSV download writes as they are.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette.applications.models import Application
from rosette.applications.services import IDENTIFIES_INDIVIDUALS
from rosette.assessment.models import Decision, Moderation
from rosette.awards.selectors import award_counts_by_badge
from rosette.catalogue.models import Badge, Issuer

S = Application.Status
O = Decision.Outcome  # noqa: E741


@dataclass(frozen=True)
class ReportFilter:
    """What the admin asked for: one badge or all, and the days from and to (inclusive)."""

    issuer: Issuer
    start: date
    end: date
    badge: Badge | None = None

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str = ""  # the value as the chart prints it; the number when empty


@dataclass
class Report:
    key: str
    title: str
    description: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    bars: list[Bar]
    summary: list[tuple[str, str]] = field(default_factory=list)
    scale: float | None = None  # the chart's full length: 100 for shares, else the largest


def _months(start: date, end: date) -> list[date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def _month(value: Any) -> date:
    """TruncMonth gives a datetime (aware) or a date depending on the database and field."""
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value  # type: ignore[no-any-return]  # a date, from the database


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _share_bar(label: str, part: int, whole: int) -> Bar:
    return Bar(label, 100 * part / whole if whole else 0, _percent(part, whole))


def _decisions(f: ReportFilter) -> QuerySet[Decision]:
    found = Decision.objects.filter(
        issuer=f.issuer, created_at__gte=f.since, created_at__lt=f.until
    )
    if f.badge is not None:
        found = found.filter(application__badge=f.badge)
    return found.order_by()


def _tz() -> Any:
    return timezone.get_current_timezone()


# --- the reports --------------------------------------------------------------------------------


def applications_by_state(f: ReportFilter) -> Report:
    """Applications started each month, by where they are now."""
    found = Application.objects.filter(
        badge__issuer=f.issuer, created_at__gte=f.since, created_at__lt=f.until
    )
    if f.badge is not None:
        found = found.filter(badge=f.badge)
    counts: Counter[tuple[date, str]] = Counter()
    for row in (
        found.order_by()
        .annotate(month=TruncMonth("created_at", tzinfo=_tz()))
        .values("month", "status")
        .annotate(n=Count("pk"))
    ):
        counts[(_month(row["month"]), row["status"])] += row["n"]
    statuses = list(S)
    rows, bars = [], []
    for month in _months(f.start, f.end):
        values = [counts[(month, s.value)] for s in statuses]
        label = month.strftime("%b %Y")
        rows.append([month.strftime("%Y-%m"), *values, sum(values)])
        bars.append(Bar(label, sum(values)))
    return Report(
        key="applications",
        title=_("Applications by state"),
        description=_(
            "Applications started each month, by where they are now. The chart shows the total."
        ),
        columns=[_("Month"), *[str(s.label) for s in statuses], _("Total")],
        rows=rows,
        bars=bars,
    )


def _nearest_rank(days: Counter[int], share: float) -> int | None:
    total = sum(days.values())
    if not total:
        return None
    rank, seen = math.ceil(share * total), 0
    for value in sorted(days):
        seen += days[value]
        if seen >= rank:
            return value
    return None  # pragma: no cover - the ranks add up to the total


def time_to_decision(f: ReportFilter) -> Report:
    """Days from submission to decision: median, 90th percentile, and how many took how long."""
    days: Counter[int] = Counter()
    for row in (
        _decisions(f)
        .annotate(
            submitted=TruncDate("submitted_at", tzinfo=_tz()),
            decided=TruncDate("created_at", tzinfo=_tz()),
        )
        .values("submitted", "decided")
        .annotate(n=Count("pk"))
    ):
        days[(row["decided"] - row["submitted"]).days] += row["n"]
    median, p90 = _nearest_rank(days, 0.5), _nearest_rank(days, 0.9)
    limit = f.issuer.assessment_days
    bands = [
        (_("0 to 7 days"), 0, 7),
        (_("8 to 14 days"), 8, 14),
        (_("15 to 21 days"), 15, 21),
        (_("22 to %(n)s days") % {"n": limit}, 22, limit),
        (_("More than %(n)s days") % {"n": limit}, limit + 1, 10**6),
    ]
    rows: list[Sequence[Any]] = []
    bars = []
    for label, low, high in bands:
        n = sum(c for d, c in days.items() if low <= d <= high)
        rows.append([label, n])
        bars.append(Bar(label, n))

    def said(value: int | None) -> str:
        return "–" if value is None else _("%(n)s days") % {"n": value}

    return Report(
        key="time-to-decision",
        title=_("Time to a decision"),
        description=_("Calendar days from submission to the decision, for decisions made."),
        columns=[_("Days to a decision"), _("Decisions")],
        rows=rows,
        bars=bars,
        summary=[(_("Median"), said(median)), (_("90th percentile"), said(p90))],
    )


def compliance(f: ReportFilter) -> Report:
    """Decisions each month made within the promise (the issuer's days to assess)."""
    found = {
        _month(row["month"]): row
        for row in _decisions(f)
        .annotate(month=TruncMonth("created_at", tzinfo=_tz()))
        .values("month")
        .annotate(total=Count("pk"), in_time=Count("pk", filter=Q(created_at__lte=F("due_at"))))
    }
    rows, bars, all_total, all_on_time = [], [], 0, 0
    for month in _months(f.start, f.end):
        row = found.get(month, {"total": 0, "in_time": 0})
        total, on_time = row["total"], row["in_time"]
        all_total, all_on_time = all_total + total, all_on_time + on_time
        rows.append([month.strftime("%Y-%m"), total, on_time, _percent(on_time, total)])
        bars.append(
            Bar(
                month.strftime("%b %Y"),
                100 * on_time / total if total else 0,
                _percent(on_time, total),
            )
        )
    return Report(
        key="compliance",
        scale=100,
        title=_("Decisions within %(n)s days") % {"n": f.issuer.assessment_days},
        description=_("The share of each month's decisions made by the date promised."),
        columns=[_("Month"), _("Decisions"), _("On time"), _("Share on time")],
        rows=rows,
        bars=bars,
        summary=[(_("Over the period"), _percent(all_on_time, all_total))],
    )


def first_time_pass(f: ReportFilter) -> Report:
    """Applications awarded at their first attempt, among first attempts decided."""
    found = {
        _month(row["month"]): row
        for row in _decisions(f)
        .filter(attempt__number=1)
        .annotate(month=TruncMonth("created_at", tzinfo=_tz()))
        .values("month")
        .annotate(total=Count("pk"), passed=Count("pk", filter=Q(outcome=O.AWARD)))
    }
    rows, bars, all_total, all_passed = [], [], 0, 0
    for month in _months(f.start, f.end):
        row = found.get(month, {"total": 0, "passed": 0})
        total, passed = row["total"], row["passed"]
        all_total, all_passed = all_total + total, all_passed + passed
        rows.append([month.strftime("%Y-%m"), total, passed, _percent(passed, total)])
        bars.append(
            Bar(
                month.strftime("%b %Y"),
                100 * passed / total if total else 0,
                _percent(passed, total),
            )
        )
    return Report(
        key="first-time-pass",
        scale=100,
        title=_("First-time pass rate"),
        description=_("Of first attempts decided each month, the share awarded."),
        columns=[_("Month"), _("First attempts decided"), _("Awarded"), _("Pass rate")],
        rows=rows,
        bars=bars,
        summary=[(_("Over the period"), _percent(all_passed, all_total))],
    )


def returns_and_declines(f: ReportFilter) -> Report:
    """Returns, declines by the assessor's reason, and, apart, the declines the privacy rule
    made by itself when the issuer declines evidence that could identify someone."""
    by_assessors = (
        _decisions(f)
        .filter(outcome__in=[O.RETURN, O.DECLINE])
        .annotate(
            kind=F("outcome"),
            slug=Coalesce(F("reason__slug"), Value("")),
            label=Coalesce(F("reason__label"), Value("")),
        )
        .values("kind", "slug", "label")
        .annotate(n=Count("pk"))
    )
    privacy = Application.objects.filter(
        badge__issuer=f.issuer,
        status=S.DECLINED,
        decline_reason=IDENTIFIES_INDIVIDUALS,
        decided_at__gte=f.since,
        decided_at__lt=f.until,
    ).filter(~Exists(Decision.objects.filter(application=OuterRef("pk"), outcome=O.DECLINE)))
    if f.badge is not None:
        privacy = privacy.filter(badge=f.badge)
    automatic = (
        privacy.order_by()
        .annotate(kind=Value("privacy"), slug=Value(IDENTIFIES_INDIVIDUALS), label=Value(""))
        .values("kind", "slug", "label")
        .annotate(n=Count("pk"))
    )
    rows: list[Sequence[Any]] = []
    bars = []
    for row in sorted(
        by_assessors.union(automatic, all=True),
        key=lambda r: ({"return": 0, "decline": 1, "privacy": 2}[r["kind"]], r["label"]),
    ):
        if row["kind"] == O.RETURN:
            what, why = _("Returned for more evidence"), ""
        elif row["kind"] == O.DECLINE:
            what, why = _("Declined by an assessor"), row["label"] or row["slug"]
        else:
            what, why = _("Declined by the privacy rule"), _("Could identify someone")
        rows.append([what, why, row["n"]])
        bars.append(Bar(f"{what}: {why}" if why else what, row["n"]))
    return Report(
        key="returns-declines",
        title=_("Returns and declines by reason"),
        description=_(
            "Decisions to return or decline, by reason. Declines the privacy rule made by "
            "itself, before any assessor, are shown apart."
        ),
        columns=[_("Outcome"), _("Reason"), _("Applications")],
        rows=rows,
        bars=bars,
    )


def moderation_agreement(f: ReportFilter) -> Report:
    """Moderated decisions by outcome: how often the second assessor agreed."""
    found = Moderation.objects.filter(issuer=f.issuer, done_at__gte=f.since, done_at__lt=f.until)
    if f.badge is not None:
        found = found.filter(decision__application__badge=f.badge)
    counts = {
        row["decision__outcome"]: row
        for row in found.order_by()
        .values("decision__outcome")
        .annotate(
            total=Count("pk"),
            agreed=Count("pk", filter=Q(outcome=Moderation.Outcome.AGREE)),
        )
    }
    rows, bars, all_total, all_agreed = [], [], 0, 0
    for outcome in O:
        row = counts.get(outcome.value, {"total": 0, "agreed": 0})
        total, agreed = row["total"], row["agreed"]
        all_total, all_agreed = all_total + total, all_agreed + agreed
        rows.append([str(outcome.label), total, agreed, total - agreed, _percent(agreed, total)])
        bars.append(_share_bar(str(outcome.label), agreed, total))
    return Report(
        key="moderation",
        scale=100,
        title=_("Moderation agreement"),
        description=_("Sampled decisions a second assessor checked, and how often they agreed."),
        columns=[_("Decision"), _("Moderated"), _("Agreed"), _("Disagreed"), _("Agreement")],
        rows=rows,
        bars=bars,
        summary=[(_("Over the period"), _percent(all_agreed, all_total))],
    )


def awards_by_badge(f: ReportFilter) -> Report:
    """Awards made in the period, per badge and pathway badge. With a badge chosen: that
    badge's awards and the awards of the pathways it counts towards."""
    counts = award_counts_by_badge(issuer=f.issuer, since=f.since, until=f.until, badge=f.badge)
    rows: list[Sequence[Any]] = []
    bars = []
    for row in counts:
        kind = Badge.Kind(row["badge__kind"]).label
        rows.append([row["badge__name"], str(kind), row["total"], row["held"]])
        bars.append(Bar(row["badge__name"], row["total"]))
    return Report(
        key="awards",
        title=_("Awards per badge and pathway"),
        description=_("Badges awarded in the period, and how many of them are held now."),
        columns=[_("Badge"), _("Kind"), _("Awarded"), _("Held now")],
        rows=rows,
        bars=bars,
    )


REPORTS = {
    "applications": applications_by_state,
    "time-to-decision": time_to_decision,
    "compliance": compliance,
    "first-time-pass": first_time_pass,
    "returns-declines": returns_and_declines,
    "awards": awards_by_badge,
    "moderation": moderation_agreement,
}


def all_reports(f: ReportFilter) -> list[Report]:
    """Every report, one query each."""
    return [make(f) for make in REPORTS.values()]
