"""The last words are never lost (issue 16): leaving the evidence page within a second of
typing, before the autosave's pause is over, still saves to the server."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page

from rosette.accounts.models import User
from rosette.applications import services
from rosette.applications.models import Application
from tests import factories
from tests.browser.conftest import axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def saved_text(application: Application) -> str:
    attempt = services.current_attempt(Application.objects.get(pk=application.pk))
    return str(attempt.answers.get(question__isnull=False).text)


def wait_for_saved(application: Application, text: str) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if saved_text(application) == text:
            break
        time.sleep(0.2)
    return saved_text(application)


@pytest.fixture
def application() -> Application:
    learner: User = factories.make_user(email="carer@example.org", name="Sam Carer")
    badge = factories.make_badge(name="Video chats", questions=[("What did you learn?", 5)])
    return services.application_start(learner=learner, badge=badge)


def test_navigating_away_at_once_still_saves_the_last_words(
    page: Page, application: Application
) -> None:
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto(f"/applications/{application.public_id}/edit/")
    axe(page)
    box = page.get_by_role("textbox", name=re.compile("^Question 1"))
    box.fill("Typed at eleven at night, then straight to the catalogue.")
    page.goto("/badges/")  # well within the autosave's 1.5 second pause
    axe(page)
    expected = "Typed at eleven at night, then straight to the catalogue."
    assert wait_for_saved(application, expected) == expected


def test_the_tab_hidden_at_once_still_saves_the_last_words(
    page: Page, application: Application
) -> None:
    """A phone locked, a laptop closed, another app opened: the page is hidden, not unloaded."""
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto(f"/applications/{application.public_id}/edit/")
    axe(page)
    # A hidden page on a phone is soon frozen, and the autosave's timer never fires. Stand
    # in for that with a pause longer than the test: only what is sent on hiding arrives.
    page.evaluate(
        """() => {
            const autosave = document.getElementById("autosave");
            autosave.setAttribute("hx-trigger", "input delay:600s");
            htmx.process(autosave);
        }"""
    )
    box = page.get_by_role("textbox", name=re.compile("^Question 1"))
    box.fill("Written on the bus, then the phone went in a pocket.")
    page.evaluate(
        """() => {
            Object.defineProperty(document, "visibilityState", { value: "hidden" });
            document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    expected = "Written on the bus, then the phone went in a pocket."
    assert wait_for_saved(application, expected) == expected
