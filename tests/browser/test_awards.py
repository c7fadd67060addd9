"""Award pages (C6) and pathway badges (C8), walked as the learner, their manager, an outsider
and the issuer's admin would."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.awards.models import Award
from rosette.catalogue.models import Badge, IssuerStaff
from rosette.demo.awards import VC1, VC2
from rosette.demo.loader import DEMO_PASSWORD, load_demo
from tests import factories
from tests.browser.conftest import PageLog, _new_context, _watch, axe, sign_in, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

LEARNED, SECURE = VC1, VC2  # evidence that meets Video chats' minimums and names nobody
ENDORSEMENT = (
    "Since earning this badge Sam has set up a waiting room for every group call we run and "
    "showed the rest of the team how to do it."
)


@pytest.fixture
def demo() -> None:
    load_demo()


@pytest.fixture
def worker(demo: None) -> User:
    user = factories.make_user(email="carer@example.org", name="Sam Carer")
    for slug in (
        "getting-started-with-open-badges",
        "writing-evidence-for-open-badge-applications",
    ):
        factories.give_badge(user, Badge.objects.get(slug=slug))
    return user


def awarded_video_chats(worker: User) -> Award:
    """Evidence written and submitted through the services, then awarded by the assessor."""
    from rosette.assessment import services as assessment

    badge = Badge.objects.get(slug="oss-video-chats")
    application = applications.application_start(learner=worker, badge=badge)
    attempt = applications.current_attempt(application)
    ids = [a.question_id for a in attempt.answers.order_by("question__position") if a.question_id]
    applications.draft_save(
        application=application, actor=worker, based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts=dict(zip(ids, [LEARNED, SECURE], strict=True)), links={}, transcripts={},
            intended_actions=""),
    )  # fmt: skip
    applications.application_submit(
        application=application, actor=worker, declaration=True, ai_used=False
    )
    assessor = User.objects.get(email="assessor@example.org")
    while (claimed := assessment.claim_next(issuer=badge.issuer, assessor=assessor)) is not None:
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
    return Award.objects.get(application=application)


def other_person(browser: Browser, live_server: Any, width: int = 1280) -> tuple[Page, PageLog]:
    log = PageLog()
    context = _new_context(browser, live_server.url, width)
    page = context.new_page()
    _watch(page, log)
    page.page_log = log  # type: ignore[attr-defined]
    return page, log


def finish(page: Page, log: PageLog) -> None:
    page.context.close()
    assert [u for u in log.loaded if u not in log.checked] == []
    assert [e for e in log.errors if "favicon" not in e and "404" not in e] == []


def test_a_learner_shares_their_award_and_publishes_their_managers_endorsement(
    browser: Browser, page: Page, phone: Page, live_server: Any, worker: User
) -> None:
    award = awarded_video_chats(worker)
    sign_in(page, "carer@example.org")
    axe(page)
    page.get_by_role("link", name="Manage your badges and their pages").click()
    axe(page, screenshot="awards-mine")
    expect(page.get_by_text("1 of 8 towards")).to_be_visible()
    page.get_by_role("link", name="OSS Video chats", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("OSS Video chats")
    expect(page.get_by_text("Awarded to Sam Carer on")).to_be_visible()
    expect(page.get_by_text("a safe word lets someone end a call")).to_be_visible()
    expect(page.locator("#award-url")).to_have_value(re.compile(f"/awards/{award.code}/$"))
    expect(page.get_by_role("button", name="Copy link")).to_be_visible()
    expect(page.get_by_role("link", name="Add to your LinkedIn profile")).to_have_attribute(
        "href", re.compile(r"^https://www\.linkedin\.com/profile/add\?startTask=CERTIFICATION_NAME")
    )
    axe(page, screenshot="award-owner")
    page.get_by_role("link", name="Change who sees this page and its evidence").click()
    axe(page)
    page.get_by_text("Public: anyone, and search engines may list it").click()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your award page settings are saved.")).to_be_visible()
    axe(page, screenshot="award-settings")
    assert Award.objects.get(pk=award.pk).visibility == "public"

    # The manager reads the page and endorses it through its form.
    manager, log = other_person(browser, live_server)
    sign_in(manager, "manager@example.org", DEMO_PASSWORD)
    axe(manager)
    manager.goto(award.get_absolute_url())
    axe(manager, screenshot="award-public")
    manager.get_by_label("Your name").fill("Callum Manager")
    manager.get_by_label("Your email address").fill("callum.manager@example.org")
    manager.get_by_text("Manager", exact=True).click()
    manager.get_by_label("Your endorsement").fill(ENDORSEMENT)
    mail.outbox.clear()
    manager.get_by_role("button", name="Send endorsement").click()
    expect(manager.get_by_role("heading", name="Thank you for your endorsement")).to_be_visible()
    axe(manager)
    [message] = [m for m in mail.outbox if m.to == ["callum.manager@example.org"]]
    link = re.search(r"https?://\S+(/awards/endorsements/confirm/\S+/)", message.body)
    assert link is not None
    manager.goto(link.group(1))
    axe(manager)
    manager.get_by_role("button", name="Confirm my endorsement").click()
    expect(manager.get_by_role("heading", name="Your endorsement is confirmed")).to_be_visible()
    axe(manager)
    finish(manager, log)

    # Not on the page until the learner publishes it.
    page.goto(award.get_absolute_url())
    expect(page.get_by_text(ENDORSEMENT)).to_have_count(0)
    axe(page)
    page.get_by_role("link", name="1 endorsement waiting for you").click()
    axe(page, screenshot="award-endorsements")
    page.get_by_text("Publish it", exact=True).click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The endorsement is published.")).to_be_visible()
    axe(page)
    page.goto(award.get_absolute_url())
    expect(page.get_by_text(ENDORSEMENT)).to_be_visible()
    expect(page.get_by_text("Callum Manager, manager")).to_be_visible()
    axe(page)

    # Anyone sees it, at 320 px too.
    phone.goto(award.get_absolute_url())
    expect(phone.get_by_text(ENDORSEMENT)).to_be_visible()
    axe(phone, screenshot="award-public-320")


def test_the_eighth_contributing_badge_awards_online_safety_and_security(
    page: Page, worker: User
) -> None:
    oss = Badge.objects.get(slug="online-safety-and-security")
    components = list(oss.components.order_by("position"))
    for component in components[:7]:
        factories.give_badge(worker, component)
    sign_in(page, "carer@example.org")
    axe(page)
    expect(page.get_by_text("7 of 8 towards")).to_be_visible()
    page.goto(components[7].get_absolute_url())
    expect(page.get_by_text("7 of 8 towards")).to_be_visible()
    axe(page, screenshot="badge-progress")

    factories.give_badge(worker, components[7])  # the eighth, through award_create
    page.goto("/awards/")
    axe(page)
    page.get_by_role("link", name="Online safety and security", exact=True).click()
    expect(page.get_by_role("heading", name="Badges that earned it")).to_be_visible()
    for component in components:
        expect(page.get_by_role("link", name=component.name, exact=True)).to_be_visible()
    axe(page, screenshot="award-pathway")
    assert Award.objects.filter(recipient=worker, badge=oss).count() == 1


def test_a_private_page_is_not_found_by_an_outsider(
    browser: Browser, page: Page, live_server: Any, worker: User
) -> None:
    award = awarded_video_chats(worker)
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto(f"/awards/{award.code}/settings/")
    axe(page)
    page.get_by_text("Only me", exact=True).click()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your award page settings are saved.")).to_be_visible()
    axe(page)

    outsider, log = other_person(browser, live_server, width=320)
    response = outsider.goto(award.get_absolute_url())
    assert response is not None and response.status == 404
    expect(outsider.get_by_text("a safe word lets someone end a call")).to_have_count(0)
    axe(outsider, screenshot="award-private-404")
    finish(outsider, log)


def test_revocation_shows_plainly_on_the_award_page(
    browser: Browser, page: Page, live_server: Any, worker: User
) -> None:
    award = awarded_video_chats(worker)
    admin = factories.make_user(email="revoker@example.org", name="Rhona Admin")
    secret = factories.give_mfa(admin)
    from rosette.catalogue import services as catalogue

    catalogue.issuer_staff_add(
        issuer=award.badge.issuer, user=admin, role=IssuerStaff.Role.ADMIN, actor=None
    )
    page.goto("/accounts/login/")
    axe(page)
    page.get_by_label("Email").fill("revoker@example.org")
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator("input[name=code]").wait_for()
    axe(page)
    page.locator("input[name=code]").fill(totp_code(secret))
    page.get_by_role("button", name=re.compile("^sign in$", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    axe(page)
    page.get_by_role("link", name="Awards of Scottish Social Services Council").click()
    axe(page, screenshot="issuer-awards")
    page.get_by_role(
        "link", name=re.compile(r"Suspend, revoke or restore\s*: OSS Video chats, Sam")
    ).click()
    axe(page)
    page.get_by_text("Revoke it (this is final)").click()
    page.get_by_label("Reason").fill("The evidence was copied from another learner.")
    page.get_by_role("button", name="Confirm").click()
    # Revoking asks the admin to prove it is still them.
    page.wait_for_url(re.compile("/accounts/reauthenticate/"))
    axe(page, screenshot="reauthenticate")
    page.locator("input[type=password]").fill(factories.PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    # allauth resumes the revocation the admin asked for.
    expect(page.get_by_text("The award is revoked.")).to_be_visible()
    axe(page)

    visitor, log = other_person(browser, live_server)
    visitor.goto(award.get_absolute_url())
    expect(
        visitor.get_by_text("This badge was revoked by Scottish Social Services Council")
    ).to_be_visible()
    expect(visitor.get_by_text("The evidence was copied from another learner.")).to_be_visible()
    expect(visitor.get_by_text("a safe word lets someone end a call")).to_have_count(0)
    expect(visitor.get_by_role("button", name="Send endorsement")).to_have_count(0)
    axe(visitor, screenshot="award-revoked")
    finish(visitor, log)


def test_the_demo_learner_finds_their_public_award_page(page: Page) -> None:
    load_demo(awards=True)
    sign_in(page, "learner@example.org", DEMO_PASSWORD)
    axe(page)
    page.get_by_role("link", name="Manage your badges and their pages").click()
    axe(page)
    page.get_by_role("link", name="OSS Video chats", exact=True).click()
    expect(page.get_by_text("Who can see it: Public")).to_be_visible()
    expect(page.get_by_text("Callum Manager, manager")).to_be_visible()
    axe(page, screenshot="award-demo")
