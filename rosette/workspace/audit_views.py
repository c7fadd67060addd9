"""The audit trail, readable: an issuer admin searches its events by person, object and date
(ADR 0015; which events are the issuer's: ``audit_selectors``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.assessment import selectors
from rosette.core.access import Rule, access
from rosette.workspace.audit_forms import AuditSearchForm
from rosette.workspace.audit_selectors import event_page


@access(Rule.ISSUER_ADMIN)
def audit(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    form = AuditSearchForm(request.GET or None)
    page = event_page(issuer=issuer, search=form.search(), page=request.GET.get("page", 1))
    return render(
        request,
        "workspace/audit/audit.html",
        {"issuer": issuer, "form": form, "page": page},
    )
