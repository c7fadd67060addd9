"""A learner writes evidence for Video chats and submits it (C2); two tabs never lose words."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from rosette.accounts.models import User
from rosette.applications import services
from rosette.applications.models import Application
from rosette.catalogue.models import Badge
from rosette.demo.loader import DEMO_PASSWORD, load_demo
from tests import factories
from tests.browser.conftest import PageLog, _new_context, _watch, axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

MANAGER_COMMENT = "Good start. Say why waiting rooms matter for the people we support."
LEARNED = (
    "I learned that the settings of a video platform matter as much as the platform itself. "
    "Waiting rooms stop people joining a call uninvited, and passcodes keep links that are "
    "shared by mistake from being used. I also learned to check that the person I support "
    "has a private space, because being overheard could put them at risk. Thirdly, I learned "
    "that a safe word lets someone end a call quickly if a person who poses a risk comes in. "
    "This matters to my practice because the people I support trust me with sensitive "
    "conversations, and a careless setting could expose them. I will now check the security "
    "settings before every group session, ask people where they are joining from, and agree "
    "a safe word at the start of one-to-one calls. I shared this with my team so that we all "
    "use the same checklist, and our manager added it to the team meeting agenda for next "
    "month so that everyone can talk about what works."
)
SECURE = (
    "I will keep the video software up to date, use a waiting room and a passcode for every "
    "meeting, never share meeting links on social media, lock meetings once everyone has "
    "joined, and use the organisation's approved platform rather than a personal account. I "
    "will also report anything suspicious to our information governance lead straight away."
)


@pytest.fixture
def demo() -> None:
    load_demo()


@pytest.fixture
def worker(demo: None) -> User:
    return factories.make_user(email="carer@example.org", name="Sam Carer")


def test_learner_writes_saves_comes_back_and_submits(
    browser: Browser, page: Page, live_server: object, worker: User
) -> None:
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto("/badges/oss-video-chats/")
    expect(page.get_by_text("You do not hold this yet").first).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Start application").click()
    expect(page.get_by_text("you cannot submit it until you hold")).to_be_visible()
    axe(page, screenshot="evidence-form")

    # Too few words: the count says so as the learner types.
    first = page.get_by_role("textbox", name=re.compile("^Question 1"))
    first.fill("I learned about waiting rooms and passcodes.")
    expect(page.locator("#count-" + _qid(page, 1))).to_have_text(re.compile(r"7 words of 150"))
    expect(page.locator("#save-status")).to_contain_text("Saved at")  # autosaved
    axe(page)

    # Close the browser, come back later: the words are still there.
    page.context.close()
    log = PageLog()
    context = _new_context(browser, live_server.url, 1280)  # type: ignore[attr-defined]
    page = context.new_page()
    _watch(page, log)
    page.page_log = log  # type: ignore[attr-defined]
    sign_in(page, "carer@example.org")
    axe(page)
    expect(page.get_by_role("link", name="OSS Video chats")).to_be_visible()
    page.get_by_role("link", name="OSS Video chats").click()
    axe(page)
    expect(page.get_by_role("textbox", name=re.compile("^Question 1"))).to_have_value(
        "I learned about waiting rooms and passcodes."
    )

    edit_url = page.url

    # Ask the manager to check the draft; they comment on question 1 from their phone.
    page.get_by_role("link", name="Ask your manager or tutor to check your draft").click()
    axe(page)
    page.get_by_label("Email address of your manager or tutor").fill("manager@example.org")
    page.get_by_role("button", name="Send the invitation").click()
    axe(page)
    link = re.search(r"https?://[^/\s]+(/reviews/invitations/\S+)", str(mail.outbox[-1].body))
    assert link, mail.outbox[-1].body
    manager_context = _new_context(browser, live_server.url, 390)  # type: ignore[attr-defined]
    manager = manager_context.new_page()
    _watch(manager, log)
    manager.page_log = log  # type: ignore[attr-defined]
    manager.goto(link.group(1))
    axe(manager)
    manager.get_by_label("Email").fill("manager@example.org")
    manager.get_by_label("Password").fill(DEMO_PASSWORD)
    manager.get_by_role("button", name="Sign in").click()
    axe(manager)
    manager.get_by_role("button", name="Read the draft").click()
    axe(manager)
    manager.get_by_label("Your comment on question 1").fill(MANAGER_COMMENT)
    manager.locator("label", has_text="There is nothing in it that could identify").click()
    manager.locator("label", has_text="Needs work").click()
    manager.get_by_role("button", name=re.compile("Send your comments")).click()
    axe(manager)
    manager_context.close()

    # The comment sits beside question 1.
    page.goto(edit_url)
    axe(page)
    expect(page.locator("#question-" + _qid(page, 1))).to_contain_text(MANAGER_COMMENT)

    # Earn the prerequisites (a shortcut: awarding them is another journey).
    for slug in (
        "getting-started-with-open-badges",
        "writing-evidence-for-open-badge-applications",
    ):
        factories.give_badge(worker, Badge.objects.get(slug=slug))

    page.get_by_role("button", name="Save and check your answers").click()
    expect(page.get_by_text("Question 1 needs 150 words; it has 7.")).to_be_visible()
    axe(page, screenshot="check-problems")
    page.get_by_role("link", name="Go back to your evidence").click()
    axe(page)
    page.get_by_role("textbox", name=re.compile("^Question 1")).fill(LEARNED)
    page.get_by_role("textbox", name=re.compile("^Question 2")).fill(SECURE)
    # Once met, the count says so in words, not "169 words of 150 needed".
    expect(page.locator("#count-" + _qid(page, 1))).to_have_text(
        re.compile(r"^\s*\d+ words: the 150 minimum is met\s*$")
    )
    page.get_by_role("button", name="Save and check your answers").click()
    axe(page, screenshot="check-answers")
    page.get_by_text("I confirm all of the above").click()
    page.get_by_text("No", exact=True).click()
    page.get_by_role("button", name="Submit application").dblclick()
    expect(page.get_by_role("heading", name="Application submitted")).to_be_visible()
    axe(page, screenshot="submitted")
    application = Application.objects.get(learner=worker)
    # Behind the demo world's waiting applications, first come, first served.
    place = Application.objects.waiting().filter(submitted_at__lte=application.submitted_at).count()
    expect(page.locator("#queue-place")).to_contain_text(
        f"{place} – applications are assessed first come"
    )
    assert application.status == Application.Status.SUBMITTED
    assert application.due_at is not None
    expect(page.locator("#due-date")).to_have_text(application.due_at.strftime("%-d %B %Y"))
    context.close()
    assert [u for u in log.loaded if u not in log.checked] == []


def _qid(page: Page, position: int) -> str:
    label = page.get_by_role("textbox", name=re.compile(f"^Question {position}"))
    name = label.get_attribute("name") or ""
    return name.removeprefix("text-")


def test_two_tabs_never_silently_overwrite_each_other(page: Page, worker: User) -> None:
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto("/badges/oss-video-chats/")
    axe(page)
    page.get_by_role("button", name="Start application").click()
    axe(page)
    other = page.context.new_page()
    _watch(other, page.page_log)  # type: ignore[attr-defined]
    other.page_log = page.page_log  # type: ignore[attr-defined]
    other.goto(page.url)
    axe(other)

    page.get_by_role("textbox", name=re.compile("^Question 1")).fill("Written in the first tab.")
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    # The second tab still holds the old revision: its save must not overwrite the first.
    other.get_by_role("textbox", name=re.compile("^Question 1")).fill("Written in the second tab.")
    other.wait_for_url(re.compile("/conflict/"))
    expect(other.get_by_text("Written in the first tab.")).to_be_visible()
    expect(other.get_by_text("Written in the second tab.")).to_be_visible()
    axe(other, screenshot="conflict")
    other.get_by_text("Keep both, one after the other").first.click()
    other.get_by_role("button", name="Save my choices").click()
    axe(other)
    expect(other.get_by_role("textbox", name=re.compile("^Question 1"))).to_have_value(
        "Written in the first tab.\n\nWritten in the second tab."
    )


def test_a_lost_connection_keeps_the_words_on_the_device(page: Page, worker: User) -> None:
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto("/badges/oss-video-chats/")
    axe(page)
    page.get_by_role("button", name="Start application").click()
    axe(page)
    edit_url = page.url
    box = page.get_by_role("textbox", name=re.compile("^Question 1"))
    box.fill("Saved before the wifi dropped.")
    expect(page.locator("#save-status")).to_contain_text("Saved at")

    # The connection drops: every request fails to reach the server, the one sent as the
    # page is left included (a route would not catch that keepalive request).
    page.context.set_offline(True)
    box.fill("Saved before the wifi dropped. Typed on the bus with no signal.")
    expect(page.locator("#save-status")).to_contain_text("you seem to be offline")
    page.page_log.errors.clear()  # type: ignore[attr-defined]  # the failed request is expected

    # The tab is closed before the connection comes back; later the learner returns.
    page.goto("about:blank")
    page.context.set_offline(False)
    page.goto(edit_url)
    axe(page)
    # Either the copy on this device is offered back, or the save the closing tab sent went
    # through once the connection returned (the browser may deliver it late): never lost.
    application = Application.objects.get(learner=worker)

    def on_server() -> bool:
        answers = services.current_attempt(application).answers.exclude(question=None)
        return any("Typed on the bus with no signal." in a.text for a in answers)

    restore = page.get_by_role("button", name="Restore the unsaved text")
    deadline = time.monotonic() + 10
    while not on_server() and not restore.is_visible() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    if not on_server():
        expect(page.get_by_text("This device has text that was not saved.")).to_be_visible()
        restore.click()
        expect(page.locator("#save-status")).to_contain_text("Saved at")
    assert on_server()


def test_the_evidence_form_fits_a_phone(phone: Page, worker: User) -> None:
    sign_in(phone, "carer@example.org")
    axe(phone)
    phone.goto("/badges/oss-video-chats/")
    axe(phone)
    phone.get_by_role("button", name="Start application").click()
    phone.get_by_role("textbox", name=re.compile("^Question 1")).fill(
        "I spoke to Mrs McDonald about waiting rooms."
    )
    phone.get_by_role("button", name="Save draft").click()
    expect(phone.locator(".rosette-findings")).to_contain_text("Mrs McDonald")
    axe(phone, screenshot="evidence-form-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320


def _kept_on_device(page: Page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('rosette:'))")  # type: ignore[no-any-return]


def test_signing_out_forgets_the_words_kept_on_the_device(page: Page, worker: User) -> None:
    """On a shared computer, evidence kept on the device (it may name the people a learner
    supports) does not outlive the learner's session: signing out forgets it."""
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto("/badges/oss-video-chats/")
    axe(page)
    page.get_by_role("button", name="Start application").click()
    axe(page)
    page.route("**/autosave/", lambda route: route.abort("internetdisconnected"))
    page.get_by_role("textbox", name=re.compile("^Question 1")).fill(
        "Mrs McDonald at the day centre could not hear the call."
    )
    expect(page.locator("#save-status")).to_contain_text("you seem to be offline")
    assert _kept_on_device(page) != []
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")
    axe(page)
    page.page_log.errors.clear()  # type: ignore[attr-defined]  # the failed saves are expected
    assert _kept_on_device(page) == []


def test_words_kept_on_the_device_are_forgotten_after_a_week(page: Page, worker: User) -> None:
    page.goto("/")
    axe(page)
    week_ago = 8 * 24 * 60 * 60 * 1000
    page.evaluate(
        "([key, age]) => localStorage.setItem(key, JSON.stringify("
        "{revision: '1', values: {'text-1': 'old words'}, at: Date.now() - age}))",
        ["rosette:draft:00000000-0000-0000-0000-000000000000", week_ago],
    )
    page.evaluate(
        "localStorage.setItem('rosette:draft:11111111-1111-1111-1111-111111111111', "
        "JSON.stringify({revision: '1', values: {'text-1': 'new words'}, at: Date.now()}))"
    )
    page.goto("/badges/")
    axe(page)
    assert _kept_on_device(page) == ["rosette:draft:11111111-1111-1111-1111-111111111111"]
