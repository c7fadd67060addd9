"""The returned application's banner, at every width (issue 16): its title is seen, above its
text, and nothing is clipped or squeezed into a column."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from rosette.applications import services
from rosette.applications.models import Application
from tests import factories
from tests.browser.conftest import axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [320, 1280])
def test_the_returned_banner_shows_its_title_above_its_text(
    new_page: Callable[..., Page], width: int
) -> None:
    learner = factories.make_user(email="carer@example.org", name="Sam Carer")
    badge = factories.make_badge(name="OSS Video chats", questions=[("What did you learn?", 5)])
    application = services.application_start(learner=learner, badge=badge)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.RETURNED)
    page = new_page(width)
    sign_in(page, "carer@example.org")
    axe(page)
    page.goto(f"/applications/{application.public_id}/edit/")
    axe(page)
    title = page.get_by_role("heading", name="Your application was returned for more evidence")
    expect(title).to_be_visible()
    text = page.get_by_text("Read the assessor's feedback on your application page")
    title_box, text_box = title.bounding_box(), text.bounding_box()
    assert title_box and text_box
    assert text_box["y"] >= title_box["y"] + title_box["height"] - 1  # below, not beside
    assert abs(text_box["x"] - title_box["x"]) < 2  # the same column
    banner = page.locator(".ds_notification").first
    assert banner.evaluate(
        "b => b.scrollWidth <= b.clientWidth && b.scrollHeight <= b.clientHeight"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
