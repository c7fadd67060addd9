"""C12 Issuer workspace: its pages fit a phone (320 px). Issue 14's whole journey, authoring
included, is test_issuer_journey.py."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from rosette.catalogue import services as catalogue
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import IssuerStaff
from tests.browser.conftest import axe
from tests.browser.test_assessment import sign_in, staff
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
