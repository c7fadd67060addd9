"""C12 Issuer workspace, people and reports: the admin signs in with MFA, invites an assessor,
who accepts and sets up their authenticator app; the admin sees them with their MFA state;
the reports page and its CSV show an award. Every page is checked with axe, and the
workspace's pages are checked at 320 px too."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from rosette.accounts.models import User
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Issuer, IssuerStaff
from tests.browser.conftest import axe, totp_code
from tests.factories import PASSWORD, give_badge, give_mfa, make_badge, make_issuer, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _code(secret: str) -> str:
    return totp_code(secret)


def sign_in(page: Page, email: str, secret: str | None = None) -> None:
    """Through the real sign-in form and, for staff, the real authenticator-code step."""
    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if secret is not None:
        page.locator("input[name=code]").wait_for()
        axe(page)
        page.locator("input[name=code]").fill(_code(secret))
        page.get_by_role("button", name=re.compile("^sign in$", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    axe(page)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").first.click()
    axe(page)


@pytest.fixture
def world() -> dict[str, Any]:
    issuer = make_issuer(name="Scottish Social Services Council", slug="sssc")
    admin = make_user(email="iain@example.org", name="Iain Admin")
    secret = give_mfa(admin)
    catalogue.issuer_staff_add(issuer=issuer, user=admin, role=IssuerStaff.Role.ADMIN, actor=None)
    badge = make_badge(issuer=issuer, name="Video chats", slug="video-chats")
    give_badge(make_user(email="morag@example.org", name="Morag Learner"), badge)
    return {"issuer": issuer, "admin": admin, "secret": secret}


def test_admin_invites_an_assessor_who_accepts_and_sets_up_mfa(
    page: Page, world: dict[str, Any], tmp_path: Path
) -> None:
    issuer: Issuer = world["issuer"]
    sign_in(page, "iain@example.org", world["secret"])

    page.goto(f"/workspace/{issuer.slug}/people/")
    axe(page)
    page.get_by_label("Email address").fill("aileen@example.org")
    page.get_by_text("Assessor", exact=True).click()
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("body")).to_contain_text("We have sent an invitation to aileen@example.org")
    axe(page)
    link = re.search(r"https?://\S+?(/workspace/invitations/\S+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body  # the site's address, then the link's path
    sign_out(page)

    # Aileen has an account with that address; she is not staff yet, so no code is asked.
    make_user(email="aileen@example.org", name="Aileen Assessor")
    sign_in(page, "aileen@example.org")
    page.goto(link.group(1))
    axe(page)
    page.get_by_role("button", name="Accept the invitation").click()
    # Staff must set up an authenticator app before anything else; allauth first asks for
    # the password again, as it does before any change to how someone signs in.
    page.wait_for_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in page.url:
        axe(page)
        page.locator("input[type=password]").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    axe(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_load_state("load")
    axe(page)
    page.goto("/assess/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
    sign_out(page)

    sign_in(page, "iain@example.org", world["secret"])
    page.goto(f"/workspace/{issuer.slug}/people/")
    axe(page)
    row = page.locator("#staff tr", has_text="Aileen Assessor")
    expect(row).to_contain_text("Assessor")
    expect(row).to_contain_text("Set up")
    assert User.objects.get(email="aileen@example.org").issuer_roles.get().role == "assessor"

    page.goto(f"/workspace/{issuer.slug}/reports/")
    axe(page)
    awards = page.locator("#report-awards").locator("xpath=..")
    expect(awards.locator("table")).to_contain_text("Video chats")
    with page.expect_download() as download:
        awards.get_by_role("link", name=re.compile("Download as CSV")).click()
    saved = tmp_path / "awards.csv"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert text.splitlines()[1] == "Video chats,Badge,1,1"

    page.goto(f"/workspace/{issuer.slug}/audit/")
    axe(page)
    expect(page.locator("#events")).to_contain_text("accounts:staff_invitation:accept")


def test_workspace_pages_fit_a_phone_and_work_without_javascript(
    browser: Any, live_server: Any, world: dict[str, Any], phone: Page
) -> None:
    issuer: Issuer = world["issuer"]
    sign_in(phone, "iain@example.org", world["secret"])
    for path in ("people/", "reports/", "audit/"):
        phone.goto(f"/workspace/{issuer.slug}/{path}")
        axe(phone)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide at 320px"
    # Without JavaScript the filter still works: it is a plain GET form.
    # (The same signed-in session: an authenticator code is good for one sign-in only.)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies(phone.context.cookies())
    try:
        plain = context.new_page()
        plain.goto(f"/workspace/{issuer.slug}/reports/")
        plain.get_by_label("Badge (optional)").select_option(label="Video chats")
        plain.get_by_role("button", name="Show the reports").click()
        expect(plain.locator("#period")).to_contain_text("Video chats, from")
        expect(plain.locator("#report-awards").locator("xpath=..")).to_contain_text("Video chats")
    finally:
        context.close()
