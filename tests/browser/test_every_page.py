"""Every page reachable by links, for each role, passes axe-core and fits a 320 px phone
(issue 20, WCAG 2.2 AA).

Each role signs in as a person would (staff with their authenticator code) in the world of
``tests/browser/world.py``, and the sweep (``tests/browser/sweep.py``) follows every link from
their home page, checking one page of each kind at 1280 and 320 px and with the text at 200%.
Pages added later are covered as soon as a link leads to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from rosette.demo.loader import DEMO_PASSWORD
from tests.browser.conftest import sign_in
from tests.browser.sweep import crawl
from tests.browser.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

# Pages each role must reach, so that the sweep cannot shrink unnoticed (a failed sign-in, a
# world missing a state): the start of each role's work, and one page deep in it.
MUST_REACH = {
    "visitor": {"badges/<slug:slug>/", "issuers/<slug:slug>/", "accounts/signup/"},
    "learner": {
        "awards/<slug:code>/",
        "applications/<uuid:public_id>/edit/",
        "toolkits/assessments/<uuid:public_id>/",
        "organisations/",
    },
    "manager": {"awards/team/", "reviews/<uuid:public_id>/", "toolkits/shared/", "team/"},
    "assessor": {"assess/applications/<uuid:public_id>/", "assess/moderation/<uuid:public_id>/"},
    "issuer admin": {"awards/issuer/<slug:slug>/", "assess/issuers/<slug:slug>/service-levels/"},
}


def test_every_page_each_role_can_reach_passes_axe_and_fits_a_phone(
    new_page: Callable[..., Page], live_server: Any
) -> None:
    world = build_world()
    problems: list[str] = []
    checked_markup: set[str] = set()
    for role, person in world.items():
        page = new_page(1280)
        if person.email:
            sign_in(page, person.email, DEMO_PASSWORD, totp_secret=person.totp_secret)
        sweep = crawl(
            page,
            origin=live_server.url,
            start=person.home,
            role=role,
            checked_markup=checked_markup,
        )
        print(f"{role}: {len(sweep.visited)} kinds of page, {sweep.checked} checked")
        for pattern, url in sorted(sweep.visited.items()):
            print(f"  {pattern:<60} {url}")
        missed = MUST_REACH[role] - set(sweep.visited)
        assert not missed, f"{role} never reached {missed}"
        problems += sweep.problems
        page.context.close()
    assert not problems, "\n".join(problems)
