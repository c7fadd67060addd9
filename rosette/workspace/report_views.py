"""Reports for an issuer's admins: charts beside tables, a filter, and a CSV of each (ADR 0015).
The figures come from ``assessment.reports``, one query a report."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.assessment import reports as report_data
from rosette.assessment import selectors
from rosette.assessment.reports import ReportFilter
from rosette.catalogue.models import Badge, Issuer
from rosette.core.access import Rule, access
from rosette.core.downloads import csv_response
from rosette.workspace.charts import bar_chart
from rosette.workspace.report_forms import ReportFilterForm


def _filter(
    request: AuthenticatedHttpRequest, issuer: Issuer
) -> tuple[ReportFilterForm, ReportFilter]:
    badges = list(Badge.objects.filter(issuer=issuer).order_by("name"))
    form = ReportFilterForm(request.GET or None, badges=badges)
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        badge = form.chosen_badge()
    else:  # nothing asked yet, or a mistake (shown on the page): the last twelve months
        start, end = ReportFilterForm.default_range()
        badge = None
    return form, ReportFilter(issuer=issuer, start=start, end=end, badge=badge)


@access(Rule.ISSUER_ADMIN)
def reports(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    form, chosen = _filter(request, issuer)
    query = request.GET.urlencode()
    shown = [
        {
            "report": report,
            "chart": bar_chart(report.bars, scale=report.scale),
            "csv_url": reverse(
                "workspace_reports:report_csv", kwargs={"slug": issuer.slug, "key": report.key}
            )
            + (f"?{query}" if query else ""),
        }
        for report in report_data.all_reports(chosen)
    ]
    return render(
        request,
        "workspace/reports/reports.html",
        {"issuer": issuer, "form": form, "chosen": chosen, "reports": shown},
    )


@access(Rule.ISSUER_ADMIN)
def report_csv(request: AuthenticatedHttpRequest, *, slug: str, key: str) -> HttpResponse:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    make = report_data.REPORTS.get(key)
    if make is None:
        raise Http404
    _form, chosen = _filter(request, issuer)
    report = make(chosen)
    filename = f"{issuer.slug}-{report.key}-{chosen.start:%Y%m%d}-{chosen.end:%Y%m%d}.csv"
    return csv_response(filename, report.columns, report.rows)
