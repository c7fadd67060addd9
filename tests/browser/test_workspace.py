"""C12 Issuer workspace: its pages fit a phone (320 px). Issue 14's whole journey, authoring
included, is test_issuer_journey.py."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from rosette.catalogue import services as catalogue
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import IssuerStaff
from tests.browser.conftest import axe
from tests.browser.test_assessment import sign_in, staff
from tests.browser.test_issuer_journey import open_section, save
from tests.factories import give_badge, make_badge, make_issuer, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict[str, Any]:
    issuer = make_issuer(name="Scottish Social Services Council", slug="sssc")
    intro = [
        make_badge(issuer=issuer, name="Getting started with Open Badges"),
        make_badge(issuer=issuer, name="Writing evidence for Open Badge applications"),
    ]
    passwords = make_badge(issuer=issuer, name="OSS Passwords")
    pathway = make_badge(
        issuer=issuer, name="Online safety and security", slug="online-safety-and-security",
        components=[passwords],
    )  # fmt: skip
    _admin, admin_secret = staff(issuer, "iain@example.org", "Iain Admin", IssuerStaff.Role.ADMIN)
    _assessor, assessor_secret = staff(issuer, "aileen@example.org", "Aileen Assessor")
    morag = make_user(email="morag@example.org", name="Morag Learner")
    jamie = make_user(email="jamie@example.org", name="Jamie Learner")
    for learner in (morag, jamie):
        for badge in intro:
            give_badge(learner, badge)
    return {"issuer": issuer, "pathway": pathway, "admin_secret": admin_secret,
            "assessor_secret": assessor_secret, "morag": morag, "jamie": jamie}  # fmt: skip


def test_workspace_pages_fit_a_phone(phone: Page, world: dict[str, Any]) -> None:
    sign_in(phone, "iain@example.org", world["admin_secret"])
    for address in (
        "/workspace/sssc/",
        "/workspace/sssc/badges/",
        "/workspace/sssc/badges/new/",
        f"/workspace/sssc/badges/{world['pathway'].slug}/",
        f"/workspace/sssc/badges/{world['pathway'].slug}/pathway/",
        "/workspace/sssc/profile/",
        "/workspace/sssc/decline-reasons/",
    ):
        phone.goto(address)
        axe(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320, address


def test_the_issuer_page_shows_its_banner_logo_and_contact_on_a_phone(
    phone: Page, world: dict[str, Any]
) -> None:
    issuer = world["issuer"]
    catalogue.issuer_update(
        issuer=issuer, actor=None, name=issuer.name, description="We regulate the workforce.",
        url="https://www.sssc.uk.com", email="badges@sssc.example",
        image=("logo.svg", rosette_svg("SSSC", "#0065bd")),
        banner=("banner.png", png(1600, 400)), banner_alt="Care workers in a team meeting",
    )  # fmt: skip
    for address in ("/workspace/sssc/profile/", issuer.get_absolute_url()):
        if address.startswith("/workspace/"):
            sign_in(phone, "iain@example.org", world["admin_secret"])
        phone.goto(address)
        expect(phone.get_by_role("img", name="Care workers in a team meeting")).to_be_visible()
        axe(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 320, address
    expect(phone.get_by_role("link", name="badges@sssc.example")).to_be_visible()


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#0065bd").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_badge_is_written_and_published_without_javascript_on_a_phone(
    new_page: Callable[..., Page], world: dict[str, Any]
) -> None:
    """The authoring pages are plain forms: at 320 px with JavaScript off, an admin creates a
    badge, writes what a learner must do and its questions, previews and publishes it."""
    page = new_page(width=320, javascript=False)
    sign_in(page, "iain@example.org", world["admin_secret"])
    page.goto("/workspace/sssc/badges/new/")
    axe(page)
    page.get_by_label("Name").fill("OSS Passwords and phrases")
    page.get_by_label("Summary").fill("Choose and keep strong passwords.")
    page.get_by_label("Or a new category").fill("Digital skills")
    save(page, "Create the badge")
    open_section(page, re.compile("^Description, criteria"))
    page.get_by_label("Description").fill("This badge is about passwords.")
    page.get_by_label("Criteria").fill("tell us how you keep your passwords safe")
    page.get_by_label("Minimum words in all").fill("50")
    save(page)
    open_section(page, re.compile("^Evidence questions"))
    page.locator("#id_q-0-prompt").fill("How do you keep your passwords safe?")
    page.locator("#id_q-0-min_words").fill("50")
    save(page, "Save the questions")
    open_section(page, "Preview as a learner will see it")
    expect(page.get_by_text("(50 words minimum)", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.go_back()
    axe(page)
    open_section(page, "Publish version 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    save(page, "Publish version 1")
    expect(page.get_by_text("Learners apply under version 1.")).to_be_visible()
