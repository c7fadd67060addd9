"""The workspace's landing pages: which issuers you administer, and each issuer's sections."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render

from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.core.access import Rule, access
from rosette.workspace import selectors


@access(Rule.ISSUER_ADMIN)
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The issuers you administer (straight to the one, if there is only one)."""
    issuers = selectors.issuers_for_admin(user=request.user)
    if len(issuers) == 1:
        return redirect("workspace:issuer", slug=issuers[0].slug)
    return render(request, "workspace/index.html", {"issuers": issuers})


@access(Rule.ISSUER_ADMIN)
def issuer_home(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    """An issuer's workspace: its sections."""
    issuer = selectors.issuer_for_admin(user=request.user, slug=slug)
    return render(request, "workspace/issuer.html", {"issuer": issuer})
