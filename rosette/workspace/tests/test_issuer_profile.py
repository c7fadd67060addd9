"""The issuer's profile (issue 14): name, description, website, contact, a logo and a banner,
each image checked like every upload; the public issuer page and the badge pages as served."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from rosette.accounts.models import User
from rosette.catalogue import services as catalogue
from rosette.catalogue.artwork import rosette_svg
from rosette.catalogue.models import Issuer
from rosette.core.models import AuditEvent
from tests import factories, hostile

pytestmark = pytest.mark.django_db

SCRIPTED_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100"><script>alert(1)</script></svg>'
)


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#0065bd").save(buffer, format="PNG")
    return buffer.getvalue()


def _profile(issuer: Issuer) -> str:
    return reverse("workspace:issuer_profile", kwargs={"slug": issuer.slug})


def _post(client: Client, issuer: Issuer, **extra: Any) -> Any:
    data = {
        "name": issuer.name,
        "description": "We register the social service workforce in Scotland.",
        "url": "https://www.sssc.uk.com",
        "email": "badges@sssc.example",
        **extra,
    }
    return client.post(_profile(issuer), data)


def _public(client: Client, issuer: Issuer) -> str:
    return client.get(issuer.get_absolute_url()).content.decode()


def test_the_admin_sets_a_logo_and_a_banner_that_the_public_page_shows_with_its_words(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    response = _post(
        client,
        issuer,
        image=SimpleUploadedFile("logo.svg", rosette_svg("SSSC", "#0065bd")),
        banner=SimpleUploadedFile("team.png", png(1200, 300)),
        banner_alt="Care workers in a team meeting",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    issuer.refresh_from_db()
    assert issuer.image.name.endswith(".svg") and issuer.banner.name.endswith(".png")

    page = _public(client, issuer)
    banner_url = reverse("catalogue:issuer_banner", kwargs={"slug": issuer.slug})
    assert f'src="{banner_url}" alt="Care workers in a team meeting"' in page
    assert reverse("catalogue:issuer_image", kwargs={"slug": issuer.slug}) in page
    assert 'href="mailto:badges@sssc.example"' in page  # the contact
    served = client.get(banner_url)
    assert served["Content-Type"] == "image/png"
    assert "sandbox" in served["Content-Security-Policy"]
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="catalogue:issuer:update").exists()


def test_the_logo_shows_beside_the_issuer_on_its_badge_pages(
    client: Client, issuer: Issuer
) -> None:
    badge = factories.make_badge(issuer=issuer, name="OSS Video chats", slug="video-chats")
    logo = reverse("catalogue:issuer_image", kwargs={"slug": issuer.slug})
    assert logo not in client.get(badge.get_absolute_url()).content.decode()
    catalogue.issuer_update(
        issuer=issuer, actor=None, name=issuer.name, description="", url="",
        email=issuer.email, image=("logo.png", png(300, 100)),
    )  # fmt: skip
    assert logo in client.get(badge.get_absolute_url()).content.decode()


def test_a_banner_without_words_for_it_is_refused_and_nothing_is_lost(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    response = _post(
        client, issuer, name="SSSC renamed", banner=SimpleUploadedFile("b.png", png(1200, 300))
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Say what the banner shows" in body
    assert 'value="SSSC renamed"' in body  # what was typed is kept
    issuer.refresh_from_db()
    assert (issuer.name, bool(issuer.banner)) != ("SSSC renamed", True)
    assert not issuer.banner


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SCRIPTED_SVG, "scripts"),
        (hostile.svg_billion_laughs(), "could not be read"),
        (hostile.png_bomb(), "between 90 and 2000"),
        (hostile.html_named_png(), "PNG or SVG"),
        (b"", "empty"),
    ],
)
def test_a_hostile_banner_or_logo_is_refused_with_a_plain_message(
    client: Client, issuer: Issuer, issuer_admin: User, data: bytes, message: str
) -> None:
    client.force_login(issuer_admin)
    for field in ("banner", "image"):
        response = _post(
            client,
            issuer,
            banner_alt="Our office",
            **{field: SimpleUploadedFile("x.png", data)},
        )
        assert response.status_code == 400, field
        assert message in response.content.decode(), field
    issuer.refresh_from_db()
    assert not issuer.banner and not issuer.image


def test_the_admin_removes_the_banner_and_the_logo(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    catalogue.issuer_update(
        issuer=issuer, actor=None, name=issuer.name, description="", url="", email=issuer.email,
        image=("logo.png", png(300, 100)), banner=("b.png", png(1200, 300)), banner_alt="Office",
    )  # fmt: skip
    client.force_login(issuer_admin)
    profile = client.get(_profile(issuer)).content.decode()
    assert 'value="Office"' in profile
    assert _post(client, issuer, remove_banner="on", remove_image="on").status_code == 302
    issuer.refresh_from_db()
    assert not issuer.banner and not issuer.image and issuer.banner_alt == ""
    page = _public(client, issuer)
    assert reverse("catalogue:issuer_banner", kwargs={"slug": issuer.slug}) not in page
    served = client.get(reverse("catalogue:issuer_banner", kwargs={"slug": issuer.slug}))
    assert served.status_code == 404


def test_the_banners_words_change_without_a_new_upload(
    client: Client, issuer: Issuer, issuer_admin: User
) -> None:
    catalogue.issuer_update(
        issuer=issuer, actor=None, name=issuer.name, description="", url="", email=issuer.email,
        banner=("b.png", png(1200, 300)), banner_alt="Office",
    )  # fmt: skip
    client.force_login(issuer_admin)
    assert _post(client, issuer, banner_alt="Our office in Dundee").status_code == 302
    issuer.refresh_from_db()
    assert issuer.banner and issuer.banner_alt == "Our office in Dundee"
    # Emptying the words of a banner that stays is refused.
    assert _post(client, issuer, banner_alt="").status_code == 400
