"""C7: a verifier checks a badge on the verify page, before and after the issuer revokes it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rosette.awards.models import Award
from rosette.credentials.services import credential_issue, credential_status_sync
from rosette.credentials.tests.django_helpers import make_award
from tests import factories

from .conftest import axe


def choose_file(page: Page, path: Path) -> None:
    """Use the design system's file upload button, as a person would."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("^Or upload a badge file")).click()
    chooser.value.set_files(path)


pytestmark = pytest.mark.django_db(transaction=True)


def test_a_verifier_checks_a_baked_badge_then_sees_it_revoked(
    page: Page, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.SITE_URL = live_server.url  # the credential's URLs and did:web point here
    learner = factories.make_user(email="morag@example.org", name="Morag Learner")
    issuer = factories.make_issuer(name="Scottish Social Services Council", slug="sssc")
    award = make_award(
        recipient=learner, badge=factories.make_badge(issuer=issuer, name="Video chats")
    )
    credential_issue(award=award)

    # The learner's baked badge image, downloaded from its credential URL.
    image = page.request.get(f"/credentials/{award.code}.png")
    assert image.ok and image.headers["content-type"] == "image/png"
    baked = tmp_path / "video-chats.png"
    baked.write_bytes(image.body())

    page.goto("/verify/")
    axe(page, screenshot="verify-empty")
    choose_file(page, baked)
    page.get_by_label("Email address of the person who earned it").fill("morag@example.org")
    page.get_by_role("button", name="Check badge").click()
    axe(page, screenshot="verify-genuine")
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        "Genuine: this badge is genuine and current"
    )
    expect(page.get_by_text("Video chats")).to_be_visible()
    expect(page.get_by_text("It was awarded to morag@example.org.")).to_be_visible()

    # The issuer revokes the award; the same image now checks as revoked.
    Award.objects.filter(pk=award.pk).update(status=Award.Status.REVOKED)
    credential_status_sync(award=Award.objects.get(pk=award.pk))
    choose_file(page, baked)
    page.get_by_role("button", name="Check badge").click()
    axe(page, screenshot="verify-revoked")
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        "Revoked: the issuer has taken this badge back"
    )
    expect(page.get_by_text("The issuer has revoked this credential.")).to_be_visible()


def test_a_photo_without_a_badge_is_explained(page: Page, tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    from PIL import Image

    Image.new("RGB", (16, 16), (10, 120, 60)).save(photo)
    page.goto("/verify/")
    axe(page)
    choose_file(page, photo)
    page.get_by_role("button", name="Check badge").click()
    axe(page)
    expect(page.get_by_text("This image does not carry an Open Badge.")).to_be_visible()
