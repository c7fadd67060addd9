"""A person registers, verifies their email, signs in and out, and resets a password."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _link_in_last_email() -> str:
    match = re.search(r"https?://\S+", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def test_sign_up_verify_email_and_see_an_empty_home(page: Page) -> None:
    page.goto("/")
    axe(page)
    page.get_by_role("link", name="Create an account").first.click()
    axe(page, screenshot="sign-up")

    # A mistake first: the form says what is wrong and keeps what was typed.
    page.get_by_label("Full name").fill("Jo Carer")
    page.get_by_label("Email").fill("jo.carer@example.org")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("short")
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("Full name")).to_have_value("Jo Carer")
    axe(page, screenshot="sign-up-errors")

    page.get_by_label("Password", exact=True).fill("a long enough passphrase")
    page.get_by_label("Password (again)").fill("a long enough passphrase")
    page.get_by_role("button", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("check your email", re.IGNORECASE)
    )
    axe(page)

    assert mail.outbox[-1].to == ["jo.carer@example.org"]
    page.goto(_link_in_last_email())
    axe(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Jo")
    expect(page.get_by_text("You do not have any badges yet.")).to_be_visible()
    axe(page, screenshot="home-empty")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    axe(page)


def test_sign_in_with_wrong_password_then_reset_it(page: Page) -> None:
    make_user(email="sam@example.org", name="Sam Worker")
    page.goto("/accounts/login/")
    axe(page, screenshot="sign-in")
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("sam@example.org")
    axe(page)

    page.get_by_role("link", name="Forgot your password?").click()
    axe(page)
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_role("button", name="Send the link").click()
    axe(page)
    page.goto(_link_in_last_email())
    axe(page)
    page.get_by_label(re.compile(r"^new password$", re.IGNORECASE)).fill("a brand new passphrase")
    page.get_by_label(re.compile(r"^new password \(again\)$", re.IGNORECASE)).fill(
        "a brand new passphrase"
    )
    page.get_by_role("button", name="Change password").click()
    axe(page)

    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label("Password").fill("a brand new passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sam")
    axe(page)


def test_a_second_email_can_be_added_for_when_you_change_jobs(page: Page) -> None:
    make_user(email="work@care.example", name="Ali Worker")
    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill("work@care.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    axe(page)
    page.goto("/accounts/email/")
    axe(page, screenshot="emails")
    page.get_by_label("Email").fill("ali.personal@example.org")
    page.get_by_role("button", name="Add email").click()
    expect(page.get_by_text("ali.personal@example.org").first).to_be_visible()
    axe(page)
