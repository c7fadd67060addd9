"""The verify page understands every link Rosette gives out: the award page (the link the
learner copies and puts on LinkedIn), the certificate's link, and every hosted document, with or
without a trailing slash. A genuine Rosette badge is never "Not genuine"."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from pypdf import PdfReader

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.awards.services import award_create, award_settings_update, award_status_change
from rosette.catalogue.models import Issuer
from rosette.credentials.selectors import page_alternate
from tests import factories

pytestmark = pytest.mark.django_db

GENUINE = "Genuine: this badge is genuine and current"


@pytest.fixture
def award(learner: User, issuer: Issuer, django_capture_on_commit_callbacks: Any) -> Award:
    with django_capture_on_commit_callbacks(execute=True):
        return award_create(
            recipient=learner, badge=factories.make_badge(issuer=issuer), actor=None
        )


def verify_url(client: Client, url: str) -> str:
    response = client.post("/verify/", {"url": url})
    return response.content.decode()


def certificate_link(client: Client, award: Award) -> str:
    """The address the certificate PDF tells employers to check (its QR code encodes the same
    address: both come from one value in the template)."""
    pdf = client.get(f"/awards/{award.code}/certificate.pdf").content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    match = re.search(r"http\S*?/awards/[\w-]+/", re.sub(r"\s+", "", text))
    assert match, text
    return match.group(0)


def test_the_award_page_link_and_the_certificate_link_check_as_genuine(
    client: Client, award: Award, issuer_admin: User
) -> None:
    page = f"{settings.SITE_URL}/awards/{award.code}/"
    assert certificate_link(client, award) == page
    for url in (page, page.rstrip("/"), page + "?utm_source=linkedin", page + "#evidence"):
        assert GENUINE in verify_url(client, url), url
    award_status_change(award=award, actor=issuer_admin, action="suspend", reason="Checking")
    assert "Suspended: the issuer has suspended this badge for now" in verify_url(client, page)


def test_the_award_page_links_to_its_credential_documents(client: Client, award: Award) -> None:
    html = client.get(f"/awards/{award.code}/").content
    alternate = page_alternate(html, f"{settings.SITE_URL}/awards/{award.code}/")
    assert alternate == f"{settings.SITE_URL}/credentials/{award.code}.json"
    assert f'href="{settings.SITE_URL}/ob2/assertions/{award.code}.json"' in html.decode()
    assert GENUINE in verify_url(client, alternate)


@pytest.mark.parametrize(
    "path",
    [
        "ob2/assertions/{code}.json",
        "ob2/assertions/{code}.png",
        "credentials/{code}.json",
        "credentials/{code}.png",
        "credentials/{code}.svg",
    ],
)
def test_every_hosted_document_checks_as_genuine_with_or_without_a_trailing_slash(
    client: Client, award: Award, path: str
) -> None:
    url = f"{settings.SITE_URL}/{path.format(code=award.code)}"
    assert GENUINE in verify_url(client, url)
    assert GENUINE in verify_url(client, url + "/")


def test_a_private_award_page_link_gives_a_stranger_nothing(
    client: Client, award: Award, learner: User
) -> None:
    award_settings_update(
        award=award,
        actor=learner,
        visibility=Award.Visibility.PRIVATE,
        name_display=award.name_display,
        endorsements_open=False,
    )
    page = verify_url(client, f"{settings.SITE_URL}/awards/{award.code}/")
    assert "Not genuine" in page and "Nothing is published at that address" in page
    assert award.badge.name not in page


def test_with_a_short_name_the_page_link_checks_through_the_ob2_assertion(
    client: Client, award: Award, learner: User
) -> None:
    award_settings_update(
        award=award,
        actor=learner,
        visibility=Award.Visibility.LINK,
        name_display=Award.NameDisplay.SHORT,
        endorsements_open=True,
    )
    html = client.get(f"/awards/{award.code}/").content
    alternate = page_alternate(html, settings.SITE_URL)
    assert alternate == f"{settings.SITE_URL}/ob2/assertions/{award.code}.json"
    page = verify_url(client, f"{settings.SITE_URL}/awards/{award.code}/")
    assert GENUINE in page and "Open Badges 2.0" in page
