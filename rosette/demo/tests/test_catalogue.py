"""The demo catalogue is made through the authoring services, with two issuers (C12 demo)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from rosette.catalogue.models import Badge, BadgeVersion, Issuer
from rosette.core.models import AuditEvent
from rosette.credentials.models import IssuerKey
from rosette.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_two_issuers_each_with_their_own_key_admin_and_published_badges() -> None:
    load_demo(awards=False)
    load_demo(awards=False)  # safe to run again: nothing doubles
    sssc = Issuer.objects.get(slug="sssc")
    second = Issuer.objects.get(slug="northern-care-academy")
    for issuer in (sssc, second):
        assert IssuerKey.objects.filter(issuer=issuer, status="active").count() == 1
        assert issuer.staff.filter(role="admin").count() == 1
    assert set(second.badges.published().values_list("slug", flat=True)) == {
        "nca-reflective-supervision",
        "nca-person-centred-recording",
    }
    assert sssc.staff.get(role="admin").user != second.staff.get(role="admin").user
    assert BadgeVersion.objects.filter(badge__issuer=second).count() == 2
    # Made through the services: every badge and version published has its audit event.
    published = AuditEvent.objects.filter(action="catalogue:badge_version:publish").count()
    assert published == BadgeVersion.objects.count() == Badge.objects.count()


def test_video_chats_says_it_is_one_of_eight_from_the_pathway_not_from_typed_text(
    client: Client,
) -> None:
    load_demo(awards=False)
    video = Badge.objects.get(slug="oss-video-chats")
    assert "eight" not in video.versions.get().description
    page = client.get(video.get_absolute_url()).content.decode()
    assert re.search(
        r"This is one of eight badges that contribute towards the\s*"
        r'<a href="/badges/online-safety-and-security/">Online safety and security</a> badge',
        page,
    )
    assert "Discussion task" in page
    assert "Your evidence, name, and email address will be sent to the organisation" in page


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if len(s.strip()) > 20]


def test_no_demo_badge_page_says_the_same_sentence_twice(client: Client) -> None:
    load_demo(awards=False)
    for badge in Badge.objects.published():
        version = badge.versions.order_by("-number").first()
        assert version is not None
        sentences = _sentences(
            " ".join([badge.summary, version.description, version.criteria, version.activities])
        )
        repeated = {s for s in sentences if sentences.count(s) > 1}
        assert not repeated, f"{badge.slug} repeats {repeated}"


def test_no_demo_badge_asks_for_something_it_does_not_link(client: Client) -> None:
    """A criterion to read or download something names one of the badge's own materials."""
    load_demo(awards=False)
    for badge in Badge.objects.published():
        version = badge.versions.order_by("-number").first()
        assert version is not None
        titles = [m.title.lower() for m in badge.materials.all()]
        for item in version.criteria_items():
            asked = re.match(r"(?:read|download(?: and complete)?) (?:the )?(.+)", item, re.I)
            if asked:
                wanted = asked.group(1).lower()
                assert any(wanted in t or t in wanted for t in titles), (
                    f"{badge.slug} asks to {item!r} but links {titles}"
                )
        for material in badge.materials.all():
            if material.url.startswith(settings.SITE_URL):  # our own page: it must be there
                path = material.url.removeprefix(settings.SITE_URL)
                assert client.get(path).status_code == 200, material.url
