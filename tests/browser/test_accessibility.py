"""What the sweep cannot see for itself (issue 20): focus after a failed submit, the focus
ring of Sign out, the phone menu with and without JavaScript, tables that stack on a phone and
still read as tables."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from rosette.demo.loader import DEMO_PASSWORD, load_demo
from tests.browser.conftest import axe, sign_in
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

DS_FOCUS_YELLOW = "rgb(253, 213, 34)"


def test_a_failed_submit_moves_focus_to_the_error_summary_and_the_title_says_error(
    page: Page,
) -> None:
    make_user(email="sam@example.org")
    page.goto("/accounts/login/")
    axe(page)
    assert not page.title().startswith("Error:")
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".ds_error-summary")
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: ")
    axe(page)
    # Its links take the person to what is wrong, focused.
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    assert target and target.startswith("#")
    link.click()
    expect(page.locator(target)).to_be_focused()


def test_sign_out_takes_the_design_systems_focus_style(page: Page) -> None:
    make_user(email="sam@example.org")
    sign_in(page, "sam@example.org")
    axe(page)
    home = page.locator(".ds_site-header__navigation a", has_text="Home")
    sign_out = page.locator(".ds_site-header__navigation button", has_text="Sign out")
    home.focus()
    expect(home).to_have_css("background-color", DS_FOCUS_YELLOW)
    link_shadow = home.evaluate("el => getComputedStyle(el).boxShadow")
    sign_out.focus()
    expect(sign_out).to_have_css("background-color", DS_FOCUS_YELLOW)
    expect(sign_out).to_have_css("box-shadow", link_shadow)
    expect(sign_out).to_have_css("outline-style", "none")


def test_with_javascript_the_phone_menu_is_one_button(phone: Page) -> None:
    phone.goto("/")
    axe(phone)
    menu = phone.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    # The checkbox that works without JavaScript is gone: one control, not two.
    expect(phone.locator("#menu")).to_be_hidden()
    assert phone.evaluate("document.getElementById('menu').offsetParent") is None
    menu.focus()
    expect(menu).to_have_css("background-color", DS_FOCUS_YELLOW)
    phone.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(phone.locator("#mobile-navigation")).to_be_visible()
    axe(phone)


def test_on_a_phone_a_table_row_stacks_and_still_reads_as_a_table(phone: Page) -> None:
    load_demo(awards=True)
    sign_in(phone, "learner@example.org", DEMO_PASSWORD)
    axe(phone)
    phone.goto("/awards/")
    axe(phone)
    table = phone.get_by_role("table", name="Your badges")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Awarded")).to_have_count(1)
    first_row = table.locator("tbody tr").first
    cell = first_row.locator("td[data-heading='Awarded']")
    # Each value sits under its heading, one below the other, within the phone's width.
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert "Awarded" in label
    badge_cell = first_row.locator("td").first
    assert cell.bounding_box()["y"] > badge_cell.bounding_box()["y"]  # type: ignore[index]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    # At desktop width it is an ordinary table again, its headings on top.
    phone.set_viewport_size({"width": 1280, "height": 900})
    expect(table.locator("thead")).to_be_visible()
    assert cell.bounding_box()["y"] == badge_cell.bounding_box()["y"]  # type: ignore[index]
