from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from rosette.accounts import roles
from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.applications.selectors import applications_for_home
from rosette.catalogue.selectors import issuers_with_badges
from rosette.core.access import Rule, access
from rosette.core.public_cache import CATALOGUE, public_cache
from rosette.home import selectors


@access(Rule.PUBLIC)
@public_cache(lambda: [CATALOGUE])
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "home/landing.html", {"featured": selectors.featured_badges()})


@access(Rule.SIGNED_IN)
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "home/home.html",
        {
            "applications": applications_for_home(user=request.user),
            "roles": roles.role_names(request.user),
        },
    )


@access(Rule.PUBLIC)
@public_cache(lambda: [])
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "home/accessibility.html")


# The accessibility statement's master copy, kept with the code (docs/ACCESSIBILITY.md).
STATEMENT = settings.BASE_DIR / "docs" / "ACCESSIBILITY.md"


@access(Rule.PUBLIC)
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement as kept with the source code: Markdown, read as text."""
    return HttpResponse(
        STATEMENT.read_text(encoding="utf-8"), content_type="text/plain; charset=utf-8"
    )


@access(Rule.PUBLIC)
@public_cache(lambda: [])
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "home/privacy.html")


@access(Rule.PUBLIC)
@public_cache(lambda: [])
def open_badges_guidance(request: HttpRequest) -> HttpResponse:
    """ "An introduction to Open Badges", what the first introductory badge asks to read."""
    return render(request, "home/open_badges_guidance.html")


@access(Rule.PUBLIC)
@public_cache(lambda: [])
def evidence_guidance(request: HttpRequest) -> HttpResponse:
    """ "Preparing and publishing your evidence", linked from every badge page and the form."""
    return render(request, "home/evidence_guidance.html")


@access(Rule.PUBLIC)
@public_cache(lambda: [CATALOGUE])
def feedback(request: HttpRequest) -> HttpResponse:
    """Where the beta banner's "feedback" goes: the contacts of the issuers who run Rosette."""
    return render(request, "home/feedback.html", {"issuers": issuers_with_badges()})


@never_cache
@access(Rule.PUBLIC)
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and readiness: the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})
