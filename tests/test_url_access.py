"""Walk every URL pattern as every persona and check it against its declared access rule.

Every Rosette view declares a rule with ``@access(Rule.X)`` (rosette/core/access.py). This test
fails when a URL has no declaration, when a persona reaches a page its rule forbids, or when a
persona is refused a page its rule allows. Third-party views (allauth, Django admin, i18n) are
declared below, by URL name prefix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rosette.accounts.models import User
from rosette.catalogue.models import Badge, Issuer
from rosette.core.access import Rule, rule_of
from rosette.core.demo.images import rosette_svg
from tests import factories

# Views we did not write: what they allow, by route prefix.
THIRD_PARTY = {
    "accounts/": "allauth: sign-in, sign-up and account pages (allauth enforces its own rules)",
    "django-admin/": "Django admin: staff only, by Django",
    "i18n/": "language switcher: anyone",
}

PERSONAS = ["anonymous", "learner", "outsider", "manager", "assessor", "issuer_admin"]

# Which personas a role-level rule admits.
ALLOWED: dict[Rule, set[str]] = {
    Rule.PUBLIC: set(PERSONAS),
    Rule.SIGNED_IN: set(PERSONAS) - {"anonymous"},
    Rule.MANAGER: {"manager"},
    Rule.ASSESSOR: {"assessor", "issuer_admin"},
    Rule.ISSUER_ADMIN: {"issuer_admin"},
    Rule.SITE_ADMIN: set(),
}


def walk(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    """Every URL pattern, with its full route and its namespaced name."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace or "") if n)
            yield from walk(entry, prefix + str(entry.pattern), inner)
        else:
            name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
            yield prefix + str(entry.pattern), name, entry


def is_third_party(route: str) -> bool:
    return any(route.startswith(p) for p in THIRD_PARTY)


def test_every_rosette_url_declares_an_access_rule() -> None:
    undeclared = [
        route
        for route, _, pattern in walk(get_resolver())
        if not is_third_party(route) and rule_of(pattern.callback) is None
    ]
    assert undeclared == []


# Sample URL arguments, and for OWNER rules the persona who owns the object.
Sample = Callable[[dict[str, User]], tuple[dict[str, Any], str | None]]


def _badge_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    badge = Badge.objects.filter(slug="walk-badge").first() or factories.make_badge(
        slug="walk-badge", image=("walk.svg", rosette_svg("Walk", "#000000"))
    )
    return {"slug": badge.slug}, None


def _issuer_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    issuer = Issuer.objects.filter(slug="walk-issuer").first() or factories.make_issuer(
        slug="walk-issuer", image=("logo.svg", rosette_svg("Walk", "#000000"))
    )
    return {"slug": issuer.slug}, None


def _material_sample(people: dict[str, User]) -> tuple[dict[str, Any], str | None]:
    from rosette.catalogue import services

    badge = factories.make_badge(slug="walk-material")
    material = services.material_add(
        badge=badge, actor=None, title="Handout", filename="h.pdf", content=b"%PDF-1.4\n"
    )
    return {"public_id": material.public_id}, None


SAMPLES: dict[str, Sample] = {
    "catalogue:badge_detail": _badge_sample,
    "catalogue:badge_image": _badge_sample,
    "catalogue:issuer_detail": _issuer_sample,
    "catalogue:issuer_image": _issuer_sample,
    "catalogue:material_download": _material_sample,
}


@pytest.mark.django_db
def test_every_url_answers_each_persona_as_its_rule_says(
    client: Client,
    learner: User,
    outsider: User,
    manager: User,
    assessor: User,
    issuer_admin: User,
) -> None:
    people = {
        "learner": learner,
        "outsider": outsider,
        "manager": manager,
        "assessor": assessor,
        "issuer_admin": issuer_admin,
    }
    failures = []
    checked = 0
    for route, name, pattern in walk(get_resolver()):
        if is_third_party(route):
            continue
        rule = rule_of(pattern.callback)
        assert rule is not None
        if "<" in route and name not in SAMPLES:
            failures.append(f"{name}: add sample arguments to SAMPLES")
            continue
        kwargs, owner = SAMPLES[name](people) if name in SAMPLES else ({}, None)
        url = reverse(name, kwargs=kwargs)
        for persona in PERSONAS:
            client.logout()
            if persona != "anonymous":
                client.force_login(people[persona])
            response = client.get(url)
            response.close()  # file responses hold their file open until closed
            if rule is Rule.OWNER:
                allowed = persona == owner
            else:
                allowed = persona in ALLOWED[rule]
            status = response.status_code
            if allowed and status != 200:
                failures.append(f"{url} as {persona}: {rule} allows, got {status}")
            elif not allowed and persona == "anonymous":
                if status != 302 or "/accounts/login/" not in response["Location"]:
                    failures.append(f"{url} anonymous: should be sent to sign in, got {status}")
            elif not allowed and status not in (403, 404):
                failures.append(f"{url} as {persona}: {rule} forbids, got {status}")
            checked += 1
    assert failures == []
    assert checked > 0
