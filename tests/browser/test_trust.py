"""What a verifier sees follows the award's true state (issue 11, ADR 0008), walked as the
issuer's admin, the learner and an employer checking a badge would.

The admin suspends a prerequisite: the learner sees it no longer counts and cannot submit the
badge that needs it; restored, they submit and are awarded it, completing a pathway badge. An
employer checks the pathway badge from its page's link: genuine. The admin revokes a badge the
pathway was built from, the page saying first that the pathway badge will be suspended too; the
employer's check now says suspended.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.assessment import services as assessment
from rosette.awards.models import Award
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Badge, IssuerStaff
from rosette.demo.loader import load_demo
from tests import factories
from tests.browser.conftest import axe, sign_in, totp_code
from tests.browser.test_awards import LEARNED, SECURE, finish, other_person

pytestmark = pytest.mark.django_db(transaction=True)

INTRO = ("getting-started-with-open-badges", "writing-evidence-for-open-badge-applications")
SUSPENDED_HEADING = "Suspended: the issuer has suspended this badge for now"
GENUINE_HEADING = "Genuine: this badge is genuine and current"


def sign_in_admin(page: Page, email: str, secret: str) -> None:
    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=code]").wait_for()
    axe(page)
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("^sign in$", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    axe(page)


def change_status(page: Page, learner: str, badge: str, choice: str, reason: str = "") -> None:
    """From the issuer's award list: choose what to do, confirm, sign in again if asked."""
    page.goto("/awards/issuer/sssc/")
    axe(page)
    page.get_by_role(
        "link", name=re.compile(rf"Suspend, revoke or restore\s*: {re.escape(badge)}, {learner}")
    ).click()
    axe(page)
    page.locator("label.ds_radio__label", has_text=choice).click()
    if reason:
        page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state("load")
    if "/accounts/reauthenticate/" in page.url:
        axe(page)
        page.locator("input[type=password]").fill(factories.PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    expect(
        page.get_by_text(re.compile(r"The award is (suspended|revoked|active)\.$"))
    ).to_be_visible()
    axe(page)


def award_submitted(application: Application) -> None:
    """The assessor takes the queue in order and awards the learner's application."""
    assessor = User.objects.get(email="assessor@example.org")
    issuer = application.badge.issuer
    while (claimed := assessment.claim_next(issuer=issuer, assessor=assessor)) is not None:
        if claimed.pk == application.pk:
            break
        assessment.decision_record(  # older demo work ahead in the queue: decide it first
            application=claimed, actor=assessor, outcome="decline", scores={}, feedback={},
            reason="not_own_work",
        )  # fmt: skip
    rubric = assessment.rubric_ensure(version=application.version)
    assessment.decision_record(
        application=application, actor=assessor, outcome="award", feedback={},
        scores={qr.question_id: 1 for qr in assessment.question_rubrics(rubric)},
    )  # fmt: skip


def check_on_verify_page(verifier: Page, link: str, heading: str) -> None:
    verifier.goto("/verify/")
    axe(verifier)
    verifier.get_by_label("Web address of the badge").fill(link)
    verifier.get_by_role("button", name="Check badge").click()
    expect(verifier.get_by_role("heading", level=2).first).to_have_text(heading)
    axe(verifier)


def test_suspension_and_revocation_reach_prerequisites_pathways_and_verifiers(
    page: Page, browser: Any, live_server: Any, settings: Any
) -> None:
    settings.SITE_URL = live_server.url  # links and credentials point at this server
    load_demo()
    worker = factories.make_user(email="carer@example.org", name="Sam Carer")
    oss = Badge.objects.get(slug="online-safety-and-security")
    video = Badge.objects.get(slug="oss-video-chats")
    for slug in INTRO:
        factories.give_badge(worker, Badge.objects.get(slug=slug))
    for component in oss.components.exclude(pk=video.pk):  # seven of the eight
        factories.give_badge(worker, component)
    application = applications.application_start(learner=worker, badge=video)
    attempt = applications.current_attempt(application)
    ids = [a.question_id for a in attempt.answers.order_by("question__position") if a.question_id]
    applications.draft_save(
        application=application, actor=worker, based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts=dict(zip(ids, [LEARNED, SECURE], strict=True)), links={}, transcripts={},
            intended_actions=""),
    )  # fmt: skip
    admin = factories.make_user(email="rhona@example.org", name="Rhona Admin")
    secret = factories.give_mfa(admin)
    catalogue.issuer_staff_add(
        issuer=oss.issuer, user=admin, role=IssuerStaff.Role.ADMIN, actor=None
    )

    # The issuer's admin suspends the learner's "Getting started" badge.
    sign_in_admin(page, "rhona@example.org", secret)
    change_status(
        page,
        "Sam Carer",
        "Getting started with Open Badges",
        "Suspend it (it can be restored)",
        "Checking evidence",
    )

    # The learner sees it no longer counts, and cannot submit the badge that needs it.
    learner, learner_log = other_person(browser, live_server, width=320)
    sign_in(learner, "carer@example.org")
    axe(learner)
    learner.goto(video.get_absolute_url())
    expect(learner.get_by_text("Suspended: does not count")).to_be_visible()
    expect(learner.get_by_text("You hold this", exact=True)).to_have_count(1)  # the other one
    axe(learner, screenshot="trust-prerequisite-suspended-320")
    learner.goto(f"/applications/{application.public_id}/edit/")
    axe(learner)
    learner.get_by_role("button", name="Save and check your answers").click()
    expect(learner.get_by_role("heading", name="You cannot submit yet")).to_be_visible()
    expect(
        learner.get_by_text(
            re.compile("Your “Getting started with Open Badges” badge is suspended")
        )
    ).to_be_visible()
    expect(learner.get_by_role("button", name="Submit application")).to_have_count(0)
    axe(learner, screenshot="trust-cannot-submit-320")

    # Restored, it counts again: the learner submits, and the assessor awards Video chats,
    # the eighth badge of Online safety and security.
    change_status(page, "Sam Carer", "Getting started with Open Badges", "Restore it")
    learner.reload()
    axe(learner)
    learner.get_by_text("I confirm all of the above").click()
    learner.get_by_text("No", exact=True).click()
    learner.get_by_role("button", name="Submit application").click()
    expect(learner.get_by_role("heading", name="Application submitted")).to_be_visible()
    axe(learner)
    award_submitted(application)
    pathway = Award.objects.get(recipient=worker, badge=oss)
    assert pathway.is_active

    # On their phone, the learner's pathway page offers every format, saying which to use.
    learner.goto(pathway.get_absolute_url())
    downloads = learner.locator("#downloads + p + dl")
    for name in (
        "Badge image (PNG)",
        "Badge image (SVG)",
        "Credential file (JSON)",
        "Open Badges 2.0 image (PNG)",
        "Open Badges 2.0 assertion (web address)",
    ):
        expect(downloads.get_by_role("link", name=name, exact=True)).to_be_visible()
    assert learner.evaluate("document.documentElement.scrollWidth") <= 320
    axe(learner, screenshot="trust-award-downloads-320")

    # An employer is sent the pathway badge's page and checks it on the verify page.
    verifier, verifier_log = other_person(browser, live_server)
    verifier.goto(pathway.get_absolute_url())
    link = verifier.locator("#award-url").input_value()
    assert link == f"{live_server.url}/awards/{pathway.code}/"
    axe(verifier)
    check_on_verify_page(verifier, link, GENUINE_HEADING)
    expect(verifier.get_by_text("Online safety and security")).to_be_visible()

    # The admin revokes Video chats; the page says first that the pathway badge follows.
    page.goto("/awards/issuer/sssc/")
    axe(page)
    page.get_by_role(
        "link", name=re.compile(r"Suspend, revoke or restore\s*: OSS Video chats, Sam Carer")
    ).click()
    expect(
        page.get_by_text(
            "The pathway badge “Online safety and security” will be suspended too"
        ).first
    ).to_be_visible()
    axe(page, screenshot="trust-status-effects")
    change_status(
        page, "Sam Carer", "OSS Video chats", "Revoke it (this is final)", "Copied evidence"
    )

    # The pathway badge followed: its page says so, and so does the employer's check.
    verifier.goto(pathway.get_absolute_url())
    expect(verifier.get_by_text(re.compile("This badge is suspended since"))).to_be_visible()
    expect(verifier.get_by_text("Revoked: no longer counts")).to_be_visible()
    axe(verifier, screenshot="trust-pathway-suspended")
    check_on_verify_page(verifier, link, SUSPENDED_HEADING)
    finish(verifier, verifier_log)
    finish(learner, learner_log)
