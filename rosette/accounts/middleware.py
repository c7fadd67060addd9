"""Staff (assessors, issuer admins, site admins, anyone with Django admin access) use Rosette
only in a session that completed a second factor.

Owning a TOTP device is not enough: the session itself must have passed it. allauth records
each authentication step of a session (``allauth.account.authentication``); a sign-in through
allauth with MFA, a code entered at ``mfa_reauthenticate``, or activating a device in this
session (``rosette.accounts.apps``) records an ``mfa`` step. A staff session without one —
signed in by password alone on some other path, or begun before the person became staff —
reaches nothing but the step that completes it and sign-out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    record_authentication,
)
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from rosette.accounts import roles
from rosette.accounts.models import User

# Reachable by anyone, whatever their session (assets, the health check, the language switch).
_ALWAYS_PREFIXES = ("/static/", "/healthz", "/i18n/")
# A staff member without a device may set one up (allauth asks for the password again first
# when the sign-in is more than a few minutes old), or sign out.
_SET_UP_URLS = frozenset(
    {"mfa_activate_totp", "mfa_index", "account_reauthenticate", "account_logout"}
)
# A staff member with a device whose session has not used it may enter a code, or sign out.
_COMPLETE_URLS = frozenset({"mfa_reauthenticate", "account_logout"})


def session_passed_mfa(request: HttpRequest) -> bool:
    """Whether this session completed a second factor for the signed-in person."""
    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]  # untyped allauth
    return any(record.get("method") == "mfa" for record in records)


def record_activation(
    *, request: HttpRequest | None, user: User, authenticator: Authenticator, **_: Any
) -> None:
    """allauth's ``authenticator_added`` signal: setting up a TOTP device takes a code from it,
    so the session that did so has passed a second factor (without it, a new assessor would
    be asked for a code a second time straight after giving one)."""
    if (
        request is not None
        and authenticator.type == Authenticator.Type.TOTP
        and getattr(request, "user", None) == user
    ):
        # Typed from the device a moment ago: a recent confirmation too, so the recovery codes
        # shown next do not ask for yet another code.
        record_authentication(
            request,
            user,
            "mfa",
            id=authenticator.pk,
            type=authenticator.type,
            activated=True,
            reauthenticated=True,
        )


def password_is_a_recent_confirmation(*, request: HttpRequest, user: User, **_: Any) -> None:
    """allauth's ``user_logged_in`` signal: a password typed to sign in a moment ago counts as
    confirming it for the next few minutes (ACCOUNT_REAUTHENTICATION_TIMEOUT). allauth counts
    only a separate "confirm access" step, so a new assessor, sent to set up their
    authenticator straight after signing in, was asked for the password they had just typed."""
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if isinstance(records, list) and records and records[-1].get("method") == "password":
        records[-1]["reauthenticated"] = True
        request.session.modified = True


def _has_device(user: object) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)  # nobody is signed in: no session to load
        user = request.user
        if (
            not user.is_authenticated
            or request.path.startswith(_ALWAYS_PREFIXES)
            or session_passed_mfa(request)
            or not roles.needs_mfa(user)
        ):
            return self.get_response(request)
        if _has_device(user):
            target, allowed = "mfa_reauthenticate", _COMPLETE_URLS
        else:
            target, allowed = "mfa_activate_totp", _SET_UP_URLS
        if _url_name(request) in allowed:
            return self.get_response(request)
        if target == "mfa_activate_totp" and request.method == "GET":
            # Where they were going, offered once the authenticator and its recovery codes are
            # set up (allauth's set-up ends on the recovery codes, wherever it began).
            request.session[AFTER_SET_UP_SESSION_KEY] = request.get_full_path()
        return redirect(reverse(target) + "?" + urlencode({"next": request.get_full_path()}))


AFTER_SET_UP_SESSION_KEY = "rosette_after_mfa_set_up"


def after_set_up_url(request: HttpRequest) -> str:
    """Where a staff member who has just set up their authenticator goes next: the page they
    asked for before being sent to set it up, or their home."""
    wanted = request.session.get(AFTER_SET_UP_SESSION_KEY, "")
    if isinstance(wanted, str) and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("home:home")
