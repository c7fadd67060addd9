"""Every role's journey with JavaScript switched off, in Chromium, and every page met on the way
(errors, privacy warnings, banners, a claimed application, /verify/ results, not found) checked
as the sweep checks a page: axe-core and reflow at 1280 and 320 px, text at 200%, headings,
error titles and links to ids (issue 20; ``tests/browser/sweep.py``).

People without JavaScript are real: it fails to load on a slow connection, is blocked at work,
or is switched off for safety. Where JavaScript only enhances, they must still get through.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from allauth.mfa.models import Authenticator
from PIL import Image
from playwright.sync_api import Page, expect

from rosette.awards.models import Award
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Issuer, IssuerStaff
from rosette.demo.loader import DEMO_PASSWORD
from tests.browser.conftest import sign_in, totp_code
from tests.browser.sweep import assert_accessible
from tests.browser.world import Person, build_world
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)

NewPage = Callable[..., Page]

LEARNED = (
    "I learned that a strong password is long rather than clever, that a password manager "
    "remembers them so that I do not reuse one, and that two-step sign-in stops most attacks "
    "even when a password leaks. This matters to my practice because I hold notes about the "
    "people I support, and a stolen account would expose them. I now use a passphrase of four "
    "unrelated words for my work account, keep no passwords on paper in the office, and have "
    "switched on two-step sign-in for the rota system. I showed two colleagues how the "
    "password manager works, and our team leader asked me to talk about it at the next team "
    "meeting so that everyone does the same. I also learned to check the address of a sign-in "
    "page before typing a password into it, because a fake page can look exactly like the "
    "real one. Before this course I thought long passwords were a nuisance; now I see that a "
    "passphrase is easier to remember than a short password full of symbols."
)
DIFFERENT = (
    "I will use a password manager for every work account, never share a password with a "
    "colleague even when we are busy, and report any sign-in I do not recognise to our "
    "information governance lead straight away. I will also lock my screen whenever I leave "
    "my desk, even for a minute, and change any password that I think someone has seen."
)


@pytest.fixture
def world(live_server: Any, settings: Any) -> dict[str, Person]:
    settings.SITE_URL = live_server.url  # the credentials' URLs and did:web point here
    return build_world()


def expect_status_logged(page: Page, status: int) -> None:
    """The browser logs a page's own error status as a console error: here it was asked for."""
    log = page.page_log  # type: ignore[attr-defined]
    log.errors[:] = [e for e in log.errors if f"status of {status}" not in e]


def expect_error_page(page: Page) -> None:
    """A failed submit: the error summary shown and focused, and the title says "Error:"."""
    expect(page.locator(".ds_error-summary")).to_be_visible()
    expect_status_logged(page, 400)  # some forms answer 400 Bad Request with their errors
    assert page.title().startswith("Error:"), page.title()
    # autofocus is applied when the page next renders: wait for it, as a person would
    expect(page.locator(".ds_error-summary")).to_be_focused()
    assert_accessible(page)


def tab_to(page: Page, selector: str, limit: int = 12) -> None:
    """Press Tab until the element focused matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_visitor_on_a_phone_uses_the_menu_checks_badges_and_meets_errors(
    world: dict[str, Person], new_page: NewPage, tmp_path: Path
) -> None:
    phone = new_page(320, javascript=False)
    phone.goto("/")
    assert_accessible(phone)

    # The menu, from the keyboard: Tab to its toggle, Space opens it, Tab to a link.
    navigation = phone.locator("#mobile-navigation")
    expect(navigation).to_be_hidden()
    tab_to(phone, "#menu")
    expect(phone.locator("label[for=menu]")).to_have_css("background-color", "rgb(253, 213, 34)")
    phone.keyboard.press("Space")
    expect(navigation).to_be_visible()
    assert_accessible(phone)
    tab_to(phone, "#mobile-navigation a[href='/badges/']")
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1)).to_have_text("View all badges")
    assert_accessible(phone)

    # A page that does not exist.
    response = phone.goto("/badges/no-such-badge/")
    assert response is not None and response.status == 404
    assert_accessible(phone)
    expect_status_logged(phone, 404)

    # /verify/: nothing chosen, a photo, then a real badge.
    phone.goto("/verify/")
    assert_accessible(phone)
    phone.get_by_role("button", name="Check badge").click()
    expect_error_page(phone)
    photo = tmp_path / "photo.png"
    Image.new("RGB", (16, 16), (10, 120, 60)).save(photo)
    phone.locator("input[type=file]").set_input_files(photo)
    phone.get_by_role("button", name="Check badge").click()
    expect(phone.get_by_text("This image does not carry an Open Badge.")).to_be_visible()
    assert_accessible(phone)
    award = Award.objects.filter(recipient__email="learner@example.org").first()
    assert award is not None
    baked = tmp_path / "badge.png"
    baked.write_bytes(phone.request.get(f"/credentials/{award.code}.png").body())
    phone.locator("input[type=file]").set_input_files(baked)
    phone.get_by_role("button", name="Check badge").click()
    expect(phone.get_by_role("heading", name=re.compile("^Genuine"))).to_be_visible()
    assert_accessible(phone)

    # Signing in with the wrong password.
    phone.goto("/accounts/login/")
    phone.get_by_label("Email").fill("learner@example.org")
    phone.get_by_label("Password").fill("not the password")
    phone.get_by_role("button", name="Sign in").click()
    expect_error_page(phone)


def test_a_learner_on_a_phone_writes_shares_and_submits_evidence(
    world: dict[str, Person], new_page: NewPage
) -> None:
    phone = new_page(320, javascript=False)
    sign_in(phone, world["learner"].email, DEMO_PASSWORD)
    assert_accessible(phone)  # home, with the "signed in" banner
    phone.goto("/badges/oss-phishing/")
    assert_accessible(phone)
    phone.get_by_role("button", name="Start application").click()
    assert_accessible(phone)

    # Too few words, and a name: saved, with the privacy warning.
    question_1 = phone.get_by_role("textbox", name=re.compile("^Question 1"))
    question_2 = phone.get_by_role("textbox", name=re.compile("^Question 2"))
    question_1.fill("I helped Mrs McDonald choose a password.")
    phone.get_by_role("button", name="Save draft").click()
    expect(phone.locator(".rosette-findings").first).to_contain_text("Mrs McDonald")
    assert_accessible(phone)

    # Checking the answers lists what stops the submission, each linked to its place.
    phone.get_by_role("button", name="Save and check your answers").click()
    expect(phone.get_by_role("heading", name="You cannot submit yet")).to_be_visible()
    assert phone.title().startswith("Error:")
    assert_accessible(phone)
    phone.get_by_role("link", name=re.compile("in all")).click()  # the overall word count
    assert phone.evaluate("location.hash") != ""
    target = phone.evaluate("document.getElementById(location.hash.slice(1))?.tagName")
    assert target == "TEXTAREA"
    assert_accessible(phone)

    # Ask the manager to check the draft: first without an address.
    phone.get_by_role("link", name="Ask your manager or tutor to check your draft").click()
    assert_accessible(phone)
    phone.get_by_role("button", name="Send the invitation").click()
    expect_error_page(phone)
    phone.get_by_label("Email address of your manager or tutor").fill(world["manager"].email)
    phone.get_by_role("button", name="Send the invitation").click()
    assert_accessible(phone)  # the "shared" banner

    # Enough words, no names; the declaration, forgotten then given; submitted.
    phone.goto("/home/")
    phone.get_by_role("link", name="OSS Phishing and scams").click()
    question_1.fill(LEARNED)
    question_2.fill(DIFFERENT)
    phone.get_by_role("button", name="Save and check your answers").click()
    assert_accessible(phone)
    phone.get_by_role("button", name="Submit application").click()
    expect_error_page(phone)
    phone.get_by_text("I confirm all of the above").click()
    phone.get_by_text("No", exact=True).click()
    phone.get_by_role("button", name="Submit application").click()
    expect(phone.get_by_role("heading", name="Application submitted")).to_be_visible()
    assert_accessible(phone)

    # Sign out, from the keyboard, through the menu.
    tab_to(phone, "#menu")
    phone.keyboard.press("Space")
    tab_to(phone, "#mobile-navigation button")
    phone.keyboard.press("Enter")
    expect(phone.get_by_text("You have signed out.")).to_be_visible()
    assert_accessible(phone)


def test_a_manager_comments_on_a_draft_and_endorses_a_badge(
    world: dict[str, Person], new_page: NewPage
) -> None:
    page = new_page(1280, javascript=False)
    sign_in(page, world["manager"].email, DEMO_PASSWORD)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Morag Learner: OSS Passwords")).click()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Send your comments")).click()
    expect_error_page(page)
    page.get_by_label("Your comment on question 1").fill("Say what you changed at work.")
    page.locator("label", has_text="There is nothing in it that could identify").click()
    page.locator("label", has_text="Needs work").click()
    page.get_by_role("button", name=re.compile("Send your comments")).click()
    expect(page.locator(".ds_notification")).to_be_visible()
    assert_accessible(page)

    page.goto("/awards/team/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Endorse")).first.click()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("endorse", re.IGNORECASE)).click()
    expect_error_page(page)


def confirm_it_is_you(page: Page, password: str) -> None:
    """Sensitive pages may ask for the password again first (call after the navigation)."""
    if "/reauthenticate/" in page.url:
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Confirm", re.I))
        assert_accessible(page)
        page.get_by_label("Password").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm").click()


def choose(scope: Any, label: str) -> None:
    """Tick a radio button by its label, as a person does."""
    scope.get_by_text(label, exact=True).click()


def test_an_assessor_returns_one_application_and_declines_another_then_moderates(
    world: dict[str, Person], new_page: NewPage
) -> None:
    page = new_page(1280, javascript=False)
    assessor = world["assessor"]
    sign_in(page, assessor.email, DEMO_PASSWORD, totp_secret=assessor.totp_secret)
    assert_accessible(page)
    page.get_by_role("link", name="Assessment queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment queue")
    assert_accessible(page)

    # The application the assessor holds: returning it needs feedback.
    page.get_by_role("link", name="Continue assessing").click()
    assert_accessible(page)  # a claimed application
    choose(page, "Return for further evidence")
    page.get_by_role("button", name="Record decision").click()
    expect_error_page(page)
    for group in page.get_by_role("group", name=re.compile("^Score for question")).all():
        choose(group, "Not met (0)")
    for feedback in page.get_by_label(re.compile("^Feedback on question")).all():
        feedback.fill("Give an example from your own practice.")
    choose(page, "Return for further evidence")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("You returned")).to_be_visible()
    assert_accessible(page)

    # The next one, declined with a reason.
    page.get_by_role("button", name="Assess next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^RB-"))
    assert_accessible(page)
    choose(page, "Decline")
    page.get_by_label("If you decline it, why?").select_option(label="Not the learner's own work")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("You declined")).to_be_visible()
    assert_accessible(page)

    # A decision by another assessor, to moderate.
    page.goto("/assess/moderation/")
    assert_accessible(page)
    page.locator("table a").first.click()
    assert_accessible(page)
    choose(page, "Disagree")
    page.get_by_role("button", name="Record moderation").click()
    expect_error_page(page)
    page.get_by_label("Your note").fill("It is the learner's own work: it names their service.")
    choose(page, "Disagree")
    page.get_by_role("button", name="Record moderation").click()
    expect(page.get_by_text("Your moderation is recorded.")).to_be_visible()
    assert_accessible(page)


def test_an_issuer_admin_suspends_an_award_and_changes_the_settings(
    world: dict[str, Person], new_page: NewPage
) -> None:
    page = new_page(1280, javascript=False)
    admin = world["issuer admin"]
    sign_in(page, admin.email, DEMO_PASSWORD, totp_secret=admin.totp_secret)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Awards of")).click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Suspend, revoke or restore")).first.click()
    assert_accessible(page)
    # Sensitive: the admin confirms who they are, then says what to do.
    status_page = page.url
    page.goto(f"/accounts/reauthenticate/?next={urlsplit(status_page).path}")
    confirm_it_is_you(page, DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Suspend, revoke"))
    choose(page, "Suspend it (it can be restored)")
    page.get_by_role("button", name="Confirm").click()
    expect_error_page(page)
    page.get_by_label("Reason").fill("The endorsement the badge needs has not arrived.")
    choose(page, "Suspend it (it can be restored)")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".ds_notification")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/assess/issuers/{Issuer.objects.get(slug='sssc').slug}/settings/")
    assert_accessible(page)
    page.get_by_label(re.compile("claim lasts", re.IGNORECASE)).fill("2")
    page.get_by_role("button", name="Save settings").click()
    expect_error_page(page)


def test_a_new_assessor_sets_up_their_authenticator_app(
    world: dict[str, Person], new_page: NewPage
) -> None:
    newcomer = make_user(email="newcomer@example.org", name="Nia Newcomer")
    catalogue.issuer_staff_add(
        issuer=Issuer.objects.get(slug="sssc"),
        user=newcomer,
        role=IssuerStaff.Role.ASSESSOR,
        actor=None,
    )
    page = new_page(1280, javascript=False)
    sign_in(page, newcomer.email, PASSWORD)
    confirm_it_is_you(page, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Authenticator", re.I))
    secret = page.locator("#authenticator_secret").input_value()
    qr_code = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr_code).to_be_visible()
    assert secret not in (qr_code.get_attribute("alt") or "")
    assert_accessible(page)
    page.get_by_role("button", name="Activate").click()
    expect_error_page(page)
    page.get_by_label(re.compile("code", re.I)).fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Recovery codes", re.I))
    assert_accessible(page)  # with the "activated" banner, after the page's h1
    assert Authenticator.objects.filter(user=newcomer, type=Authenticator.Type.TOTP).exists()
