from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render

from rosette.catalogue import selectors
from rosette.catalogue.forms import CatalogueFilterForm
from rosette.catalogue.models import Issuer, LearningMaterial
from rosette.core.access import Rule, access
from rosette.core.public_cache import CATALOGUE, public_cache


@access(Rule.PUBLIC)
@public_cache(lambda: [CATALOGUE])
def badge_list(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None, choices=selectors.filter_choices())
    if form.is_bound:
        form.is_valid()  # errors are shown beside the fields; valid filters still apply
    badges = selectors.badge_list(filters=form.filters())
    page = Paginator(badges, settings.ROSETTE_CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/badge_list.html",
        {"form": form, "page": page, "filters": form.filters()},
    )


@access(Rule.PUBLIC)
@public_cache(lambda slug: [CATALOGUE])
def badge_detail(request: HttpRequest, *, slug: str) -> HttpResponse:
    badge = selectors.badge_for_public(slug=slug)
    return render(
        request,
        "catalogue/badge_detail.html",
        {"page": selectors.badge_page(badge=badge, user=request.user)},
    )


@access(Rule.PUBLIC)
@public_cache(lambda slug: [CATALOGUE])
def issuer_detail(request: HttpRequest, *, slug: str) -> HttpResponse:
    issuer = get_object_or_404(Issuer, slug=slug)
    badges = issuer.badges.published().select_related("category")
    return render(request, "catalogue/issuer_detail.html", {"issuer": issuer, "badges": badges})


@access(Rule.PUBLIC)
def badge_image(request: HttpRequest, *, slug: str) -> HttpResponseBase:
    badge = selectors.badge_for_public(slug=slug)
    return serve_image(badge.image)


@access(Rule.PUBLIC)
def issuer_image(request: HttpRequest, *, slug: str) -> HttpResponseBase:
    issuer = get_object_or_404(Issuer, slug=slug)
    return serve_image(issuer.image)


@access(Rule.PUBLIC)
def issuer_banner(request: HttpRequest, *, slug: str) -> HttpResponseBase:
    issuer = get_object_or_404(Issuer, slug=slug)
    return serve_image(issuer.banner)


def serve_image(file: FieldFile) -> HttpResponseBase:
    """Serve an uploaded PNG or SVG image safely: fixed type, no script even in an SVG."""
    if not file:
        raise Http404
    name = (file.name or "").lower()
    content_type = "image/svg+xml" if name.endswith(".svg") else "image/png"
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@access(Rule.PUBLIC)
def material_download(request: HttpRequest, *, public_id: str) -> HttpResponseBase:
    material = get_object_or_404(
        LearningMaterial.objects.filter(badge__status="published").exclude(file=""),
        public_id=public_id,
    )
    filename = f"{material.title}.{material.extension}" if material.extension else material.title
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=filename)
