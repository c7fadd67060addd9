"""Hosted credential documents (public: they exist to be verified), the verify page, and key
rotation for issuer admins."""

from __future__ import annotations

from typing import Any

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from rosette.accounts import roles
from rosette.accounts.http import AuthenticatedHttpRequest
from rosette.catalogue.models import Badge, Issuer
from rosette.core.access import Rule, access
from rosette.core.public_cache import CATALOGUE, award_stamp, issuer_stamp, public_cache
from rosette.core.ratelimit import client_key, consume

from . import selectors, services
from .forms import VerifyForm
from .jsonsafe import dump_json
from .models import AwardCredential

LD_JSON = "application/ld+json"


def _json(document: Any, *, content_type: str = LD_JSON) -> HttpResponse:
    text = document if isinstance(document, str) else dump_json(document, pretty=True)
    response = HttpResponse(text.encode("utf-8"), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"  # wallets and verifiers fetch these
    return response


def _image(data: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A baked SVG is served as a download and may not run anything if opened directly.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@access(Rule.PUBLIC)
@public_cache(lambda slug: [issuer_stamp(slug)], max_age=300)
def did_document(request: HttpRequest, *, slug: str) -> HttpResponse:
    issuer = get_object_or_404(Issuer, slug=slug)
    return _json(selectors.did_document(issuer), content_type="application/did+ld+json")


@access(Rule.PUBLIC)
@public_cache(lambda slug: [CATALOGUE], max_age=300)
def ob2_issuer(request: HttpRequest, *, slug: str) -> HttpResponse:
    return _json(selectors.ob2_issuer_document(get_object_or_404(Issuer, slug=slug)))


@access(Rule.PUBLIC)
@public_cache(lambda slug: [issuer_stamp(slug)], max_age=60)
def ob2_revocations(request: HttpRequest, *, slug: str) -> HttpResponse:
    issuer = get_object_or_404(Issuer, slug=slug)
    return _json(selectors.ob2_revocation_list_document(issuer))


@access(Rule.PUBLIC)
@public_cache(lambda slug: [CATALOGUE], max_age=300)
def ob2_badge(request: HttpRequest, *, slug: str) -> HttpResponse:
    badge = get_object_or_404(Badge.objects.select_related("issuer"), slug=slug)
    if not badge.awards.exists() and badge.status != Badge.Status.PUBLISHED:
        raise Http404
    return _json(selectors.ob2_badge_document(badge))


def _award_document(
    response: HttpResponse, credential: AwardCredential, *, carry_name: bool
) -> HttpResponse:
    """An award's hosted document may be cached by anyone only if anyone may fetch it; one
    served because the viewer is the learner is theirs alone (ADR 0008)."""
    if credential.award.documents_visible_to(None, carry_name=carry_name):
        patch_cache_control(response, public=True, max_age=60)
    else:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


@access(Rule.PUBLIC)
@public_cache(lambda code: [award_stamp(code), CATALOGUE], max_age=60)
def ob2_assertion(request: HttpRequest, *, code: str) -> HttpResponse:
    credential = selectors.credential_for_viewer(code=code, user=request.user, carry_name=False)
    response = _json(selectors.ob2_assertion_document(credential))
    return _award_document(response, credential, carry_name=False)


@access(Rule.PUBLIC)
@public_cache(lambda code: [award_stamp(code), CATALOGUE], max_age=60)
def ob2_baked_png(request: HttpRequest, *, code: str) -> HttpResponse:
    credential = selectors.credential_for_viewer(code=code, user=request.user, carry_name=False)
    response = _image(
        selectors.baked_ob2_png(credential),
        content_type="image/png",
        filename=f"{credential.award.badge.slug}-openbadge-2.png",
    )
    return _award_document(response, credential, carry_name=False)


@access(Rule.PUBLIC)
@public_cache(lambda code: [award_stamp(code), CATALOGUE], max_age=300, immutable=True)
def ob3_credential(request: HttpRequest, *, code: str) -> HttpResponse:
    credential = selectors.credential_for_viewer(code=code, user=request.user, carry_name=True)
    response = _json(credential.ob3_json)
    response["Content-Disposition"] = (
        f'attachment; filename="{credential.award.badge.slug}-credential.json"'
    )
    return _award_document(response, credential, carry_name=True)


@access(Rule.PUBLIC)
@public_cache(lambda code: [award_stamp(code), CATALOGUE], max_age=300, immutable=True)
def ob3_baked_png(request: HttpRequest, *, code: str) -> HttpResponse:
    credential = selectors.credential_for_viewer(code=code, user=request.user, carry_name=True)
    response = _image(
        selectors.baked_ob3_png(credential),
        content_type="image/png",
        filename=f"{credential.award.badge.slug}.png",
    )
    return _award_document(response, credential, carry_name=True)


@access(Rule.PUBLIC)
@public_cache(lambda code: [award_stamp(code), CATALOGUE], max_age=300, immutable=True)
def ob3_baked_svg(request: HttpRequest, *, code: str) -> HttpResponse:
    credential = selectors.credential_for_viewer(code=code, user=request.user, carry_name=True)
    response = _image(
        selectors.baked_ob3_svg(credential),
        content_type="image/svg+xml",
        filename=f"{credential.award.badge.slug}.svg",
    )
    return _award_document(response, credential, carry_name=True)


@access(Rule.PUBLIC)
@public_cache(lambda slug, name: [issuer_stamp(slug)], max_age=60)
def status_list(request: HttpRequest, *, slug: str, name: str) -> HttpResponse:
    return _json(
        selectors.status_list_for(slug=slug, name=name).signed_json,
        content_type="application/vc+ld+json",
    )


# How many badges one client may check (STYLE point 14): a person checking a new colleague's
# badges is well within it; a script holding the page shut is not.
VERIFY_PER_CLIENT = 20
VERIFY_WINDOW_SECONDS = 10 * 60


def _verify_allowed(client: str) -> str | None:
    """Count a check against the client's allowance; the reason it is refused, if it is."""
    if not consume(
        f"credentials:verify:count:{client}", limit=VERIFY_PER_CLIENT, seconds=VERIFY_WINDOW_SECONDS
    ):
        return _(
            "You have checked many badges in a short time. Please wait a few minutes and try again."
        )
    # One check at a time per client, so no one client can take every slot.
    if not cache.add(f"credentials:verify:running:{client}", 1, timeout=60):
        return _("Wait for your other check to finish, then try again.")
    return None


@access(Rule.PUBLIC)
def verify(request: HttpRequest) -> HttpResponse:
    """Check any badge. A POST shows the result on the page (nothing is stored)."""
    outcome = None
    status = 200
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    if request.method == "POST" and form.is_valid():
        client = client_key(request)
        refused = _verify_allowed(client)
        if refused:
            form.add_error(None, refused)
            status = 429
        else:
            try:
                outcome = selectors.verify_submission(
                    source=form.source(), email=form.cleaned_data.get("email") or None
                )
            except selectors.VerifyBusy:
                form.add_error(None, _("Rosette is checking many badges just now. Try again soon."))
                status = 503
            except selectors.VerifyTimeout:
                form.add_error(
                    None,
                    _("The badge took too long to check, so we stopped. It may be damaged."),
                )
            finally:
                cache.delete(f"credentials:verify:running:{client}")
    if request.method == "POST" and outcome is None and status == 200:
        status = 400
    return render(
        request, "credentials/verify.html", {"form": form, "outcome": outcome}, status=status
    )


def _administered_issuer(request: HttpRequest, slug: str) -> Issuer:
    """The issuer, if the user administers it; 404 otherwise (STYLE.md point 3)."""
    issuer = get_object_or_404(Issuer, slug=slug)
    if not roles.is_issuer_admin(request.user, issuer) and not roles.is_site_admin(request.user):
        raise Http404
    return issuer


@access(Rule.ISSUER_ADMIN)
@reauthentication_required(allow_get=True)
def issuer_keys(request: AuthenticatedHttpRequest, *, slug: str) -> HttpResponse:
    """The issuer's signing keys; POST rotates (after the admin signs in again)."""
    issuer = _administered_issuer(request, slug)
    if request.method == "POST":
        key = services.issuer_key_rotate(issuer=issuer, actor=request.user)
        messages.success(
            request,
            _("A new signing key (%(key)s) is in use. Badges signed before still verify.")
            % {"key": key.fragment},
        )
        return redirect("credentials:issuer_keys", slug=issuer.slug)
    return render(
        request,
        "credentials/issuer_keys.html",
        {
            "issuer": issuer,
            "keys": selectors.issuer_keys(issuer),
            "did": selectors.issuer_did(issuer),
        },
    )
