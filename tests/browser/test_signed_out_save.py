"""A learner's session ends while they type: the words are kept in the browser's new session
and saved once they sign in again (DESIGN rule 17; what is kept: applications/stash.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from rosette.accounts.models import User
from rosette.applications import services
from rosette.applications.models import Application
from tests import factories
from tests.browser.conftest import axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_words_typed_after_the_session_ended_are_saved_after_signing_in(page: Page) -> None:
    learner: User = factories.make_user(email="carer@example.org", name="Sam Carer")
    badge = factories.make_badge(name="Video chats", questions=[("What did you learn?", 5)])
    application = services.application_start(learner=learner, badge=badge)
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto(f"/applications/{application.public_id}/edit/")
    axe(page)
    box = page.get_by_role("textbox", name=re.compile("^Question 1"))
    box.fill("Written before lunch.")
    expect(page.locator("#save-status")).to_contain_text("Saved at")

    page.context.clear_cookies(name="sessionid")  # the session expires over lunch
    box.fill("Written before lunch. And after it, not knowing I was signed out.")
    status = page.locator("#save-status")
    expect(status).to_contain_text("Your text is kept")
    status.get_by_role("link", name="Sign in").click()
    axe(page)
    page.get_by_label("Email").fill("carer@example.org")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(
        page.get_by_text("We saved the text you typed before you were signed out.")
    ).to_be_visible()
    axe(page)
    answers = services.current_attempt(Application.objects.get(pk=application.pk)).answers
    assert answers.get(question__isnull=False).text.endswith("not knowing I was signed out.")
