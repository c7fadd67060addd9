"""A new assessor's first sign-in: nothing but setting up the second factor until it is done,
and then straight to work without being asked for a code a second time (ADR 0009)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from rosette.catalogue import services as catalogue
from rosette.catalogue.models import IssuerStaff
from tests import factories
from tests.browser.conftest import axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_assessor_sets_up_their_authenticator_before_anything_else(page: Page) -> None:
    issuer = factories.make_issuer(name="Scottish Social Services Council")
    person = factories.make_user(email="aileen@example.org", name="Aileen Assessor")
    catalogue.issuer_staff_add(
        issuer=issuer, user=person, role=IssuerStaff.Role.ASSESSOR, actor=None
    )
    sign_in(page, "aileen@example.org")
    # Straight to setting up the authenticator: no second password prompt right after signing in.
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Authenticator")
    axe(page, screenshot="mfa-activate")
    # Any other page sends her back here until it is done.
    page.goto("/assess/")
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    axe(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(factories.totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recovery")
    axe(page)
    # A clear way on, to where she was going when she was sent to set it up.
    page.get_by_role("link", name="I have kept my codes: continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assessment queue")
    axe(page)
