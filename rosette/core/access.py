"""Every view declares who may reach it (DESIGN §5: "Every URL has a declared access rule").

``@access(Rule.X)`` both enforces the role-level rule and records it on the view, so that
``tests/test_url_access.py`` can walk every URL as every persona and check the declaration.
Object-level checks (is this *your* application?) live in each app's access helpers, which
return 404 for what a user may not see and 403 for what they may see but not act on
(STYLE.md point 3).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from rosette.core import hooks


class Rule(enum.StrEnum):
    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed_in"  # any signed-in person (every person is a learner)
    OWNER = "owner"  # signed in, and the object must be theirs: others get 404
    MANAGER = "manager"  # manages at least one organisation
    ASSESSOR = "assessor"  # assessor or admin of at least one issuer
    ISSUER_ADMIN = "issuer_admin"  # admin of at least one issuer
    SITE_ADMIN = "site_admin"


# The rules that name a role; the accounts app says who holds one (core.hooks.holds_role).
ROLE_RULES = frozenset({Rule.MANAGER, Rule.ASSESSOR, Rule.ISSUER_ADMIN, Rule.SITE_ADMIN})

View = Callable[..., HttpResponseBase]


def access(rule: Rule) -> Callable[[View], View]:
    """Declare and enforce the access rule of a view."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if rule is not Rule.PUBLIC:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if rule in ROLE_RULES and not hooks.holds_role.call(user=request.user, role=rule):
                    raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule  # type: ignore[attr-defined]  # read by the URL walker
        return wrapped

    return decorate


def rule_of(view: Any) -> Rule | None:
    """The declared rule of a resolved view function, if any."""
    return getattr(view, "access_rule", None)
