from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from rosette.accounts import roles
from rosette.applications.selectors import applications_for_home
from rosette.core import selectors
from rosette.core.access import Rule, access
from rosette.core.public_cache import CATALOGUE, public_cache


@access(Rule.PUBLIC)
@public_cache(lambda: [CATALOGUE])
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "core/landing.html", {"featured": selectors.featured_badges()})


@access(Rule.SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "applications": applications_for_home(user=request.user),
            "roles": roles.role_names(request.user),
        },
    )


@access(Rule.PUBLIC)
@public_cache(lambda: [])
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@access(Rule.PUBLIC)
@public_cache(lambda: [])
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


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
