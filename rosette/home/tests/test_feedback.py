"""The beta banner's feedback link and the footer's "Check a badge" go somewhere real."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def test_every_page_links_check_a_badge_and_feedback(client: Client) -> None:
    factories.make_badge()
    for url in ["/", "/badges/", "/accounts/login/"]:
        html = client.get(url).content.decode()
        assert re.search(r'<a href="/verify/">\s*Check a badge\s*</a>', html), url
        banner = re.search(r'(?s)class="ds_phase-banner__text">(.*?)</span>', html)
        assert banner and 'href="/feedback/"' in banner.group(1), url


def test_feedback_gives_each_issuers_contact(client: Client) -> None:
    issuer = factories.make_issuer(name="Northern Care Academy", slug="nca")
    factories.make_badge(issuer=issuer)
    factories.make_issuer(name="Nobody Publishes Yet", slug="quiet")
    html = client.get("/feedback/").content.decode()
    assert f'href="mailto:{issuer.email}?subject=Feedback%20on%20Rosette"' in html
    assert "Northern Care Academy" in html
    assert "Nobody Publishes Yet" not in html  # no badges: nothing to give feedback on


def test_the_privacy_page_promises_only_what_exists(client: Client) -> None:
    """No self-service export or deletion yet (issue 19): the page says how to ask instead."""
    html = client.get("/privacy/").content.decode()
    assert "You can export everything we hold about you" not in html
    assert "write to the organisation that issues your badges" in html
    assert 'href="/feedback/"' in html
