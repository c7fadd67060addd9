"""The privacy screen warns while the learner writes (C3): fix one finding, dismiss another."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from rosette.applications.models import Application, PrivacyDismissal
from rosette.catalogue.models import Badge, Issuer
from rosette.demo.loader import load_demo
from tests import factories
from tests.browser.conftest import axe, sign_in
from tests.browser.test_evidence import LEARNED, SECURE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ready_worker() -> None:
    load_demo()
    worker = factories.make_user(email="carer@example.org", name="Sam Carer")
    for slug in (
        "getting-started-with-open-badges",
        "writing-evidence-for-open-badge-applications",
    ):
        factories.give_badge(worker, Badge.objects.get(slug=slug))


def _start(page: Page) -> None:
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto("/badges/oss-video-chats/")
    axe(page)
    page.get_by_role("button", name="Start application").click()
    axe(page)


def test_learner_fixes_a_name_dismisses_a_number_and_submits(
    page: Page, ready_worker: None
) -> None:
    _start(page)
    question_1 = page.get_by_role("textbox", name=re.compile("^Question 1"))
    question_2 = page.get_by_role("textbox", name=re.compile("^Question 2"))
    question_1.fill(LEARNED + " I practised this with Mrs McDonald on a video call.")
    question_2.fill(SECURE + " People can call our public helpline on 0131 496 0000.")
    page.get_by_role("button", name="Save draft").click()
    axe(page, screenshot="privacy-findings")

    findings = page.locator(".rosette-findings")
    expect(findings.first).to_contain_text("Mrs McDonald")
    expect(findings.first).to_contain_text(re.compile("name", re.IGNORECASE))
    expect(findings.nth(1)).to_contain_text("0131 496 0000")

    # Fix the name by rewriting the sentence.
    question_1.fill(LEARNED + " I practised this with a colleague on a video call.")
    page.get_by_role("button", name="Save draft").click()
    axe(page)
    expect(page.locator(".rosette-findings")).to_have_count(1)
    # Say why the number does not identify anyone.
    page.get_by_role("textbox", name=re.compile("Why does this not identify anyone.*0131")).fill(
        "It is our service's public helpline, printed on every leaflet"
    )
    page.get_by_role("button", name="This does not identify anyone").click()
    axe(page)
    expect(page.locator(".rosette-findings")).to_have_count(0)

    page.get_by_role("button", name="Save and check your answers").click()
    axe(page)
    page.get_by_text("I confirm all of the above").click()
    page.get_by_text("No", exact=True).click()
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_role("heading", name="Application submitted")).to_be_visible()
    axe(page)
    dismissal = PrivacyDismissal.objects.get()
    assert dismissal.reason.startswith("It is our service's public helpline")
    assert (
        Application.objects.get(learner__email="carer@example.org").status
        == Application.Status.SUBMITTED
    )


def test_decline_automatically_tells_the_learner_plainly(page: Page, ready_worker: None) -> None:
    Issuer.objects.update(privacy_policy=Issuer.PrivacyPolicy.DECLINE)
    _start(page)
    page.get_by_role("textbox", name=re.compile("^Question 1")).fill(
        LEARNED + " Jamie's mum joined the call from her flat."
    )
    page.get_by_role("textbox", name=re.compile("^Question 2")).fill(SECURE)
    page.get_by_role("button", name="Save and check your answers").click()
    axe(page)
    page.get_by_text("I confirm all of the above").click()
    page.get_by_text("No", exact=True).click()
    page.get_by_role("button", name="Submit application").click()
    # Never one click away: a page says what was found and what submitting now means.
    expect(page.get_by_role("heading", level=1)).to_have_text("Submitting now means a decline")
    expect(page.locator("mark.rosette-finding").first).to_have_text("Jamie")
    axe(page, screenshot="decline-warning")
    page.get_by_role("button", name="Submit and accept a decline").click()
    expect(page.get_by_role("link", name=re.compile("Tick to confirm"))).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    axe(page)
    assert (
        Application.objects.get(learner__email="carer@example.org").status
        == Application.Status.DRAFT
    )
    page.get_by_text("I understand: if I submit now").click()
    page.get_by_role("button", name="Submit and accept a decline").click()
    expect(
        page.get_by_text("declined because your evidence could identify a person")
    ).to_be_visible()
    axe(page, screenshot="declined-privacy")
    assert (
        Application.objects.get(learner__email="carer@example.org").status
        == Application.Status.DECLINED
    )
    page.get_by_role("button", name="Start a new application").click()
    axe(page)
    expect(page.get_by_role("textbox", name=re.compile("^Question 1"))).to_have_value("")
