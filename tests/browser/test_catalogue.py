"""A visitor browses the catalogue and reads the Video chats badge page (C1)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from rosette.demo.loader import load_demo
from tests.browser.conftest import axe

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo() -> None:
    load_demo()


def test_visitor_finds_video_chats_and_reads_what_it_asks(page: Page, demo: None) -> None:
    page.goto("/")
    axe(page, screenshot="landing")
    page.get_by_role("link", name="View all badges").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("View all badges")
    axe(page, screenshot="catalogue")

    page.get_by_label("Search badges").fill("webinars")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("1 badge", exact=True)).to_be_visible()
    axe(page)

    page.get_by_role("link", name="OSS Video chats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("OSS Video chats")
    expect(page.get_by_text("download and complete the Video chats handout")).to_be_visible()
    expect(page.get_by_text("(150 words minimum)", exact=True)).to_be_visible()
    expect(page.get_by_text("(50 words minimum)", exact=True)).to_be_visible()
    expect(page.get_by_text("viewable by anyone who you show your badge to")).to_be_visible()
    expect(page.get_by_text("up to 28 days")).to_be_visible()
    axe(page, screenshot="video-chats")

    with page.expect_download() as download:
        page.get_by_role("link", name="Video chats handout").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page.get_by_role("link", name="Online safety and security").first.click()
    expect(page.get_by_text("awarded automatically when you hold 8 of these 8")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Scottish Social Services Council").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scottish Social Services Council")
    axe(page)


def test_filters_and_pages_work_at_phone_width(phone: Page, demo: None) -> None:
    phone.goto("/badges/")
    axe(phone, screenshot="catalogue-phone")
    phone.get_by_text("Filter by issuer, category or pathway").click()
    phone.get_by_label("Pathway").select_option(label="Online safety and security")
    phone.get_by_role("button", name="Apply").click()
    expect(phone.get_by_text("8 badges", exact=True)).to_be_visible()
    axe(phone)
    # Nothing on the page is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    phone.goto("/badges/oss-video-chats/")
    axe(phone, screenshot="video-chats-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320


def test_unknown_badge_shows_the_not_found_page(page: Page, demo: None) -> None:
    response = page.goto("/badges/no-such-badge/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    axe(page)
    # The browser logs the 404 of the page itself; that is what this test asked for.
    page.page_log.errors.clear()  # type: ignore[attr-defined]
