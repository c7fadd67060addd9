"""The learner's choice of who sees their award reaches its hosted credential documents: no
hosted document shows a stranger more of the learner than the award page does (ADR 0008)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from rosette.accounts.models import User
from rosette.awards.models import Award
from rosette.awards.services import award_create, award_settings_update
from rosette.catalogue.models import Issuer
from tests import factories

pytestmark = pytest.mark.django_db

NAMED = ("credentials/{code}.json", "credentials/{code}.png", "credentials/{code}.svg")
HASHED = ("ob2/assertions/{code}.json", "ob2/assertions/{code}.png")
ALWAYS_PUBLIC = (
    "/issuers/sssc/did.json",
    "/status/sssc/validity.json",
    "/status/sssc/revocation.json",
    "/status/sssc/suspension.json",
    "/ob2/issuers/sssc.json",
    "/ob2/issuers/sssc/revocations.json",
)


@pytest.fixture
def award(learner: User, issuer: Issuer, django_capture_on_commit_callbacks: Any) -> Award:
    with django_capture_on_commit_callbacks(execute=True):
        return award_create(
            recipient=learner, badge=factories.make_badge(issuer=issuer), actor=None
        )


def _paths(award: Award, templates: tuple[str, ...]) -> list[str]:
    return [f"/{t.format(code=award.code)}" for t in templates]


def _choose(award: Award, learner: User, *, visibility: str, name_display: str) -> None:
    award_settings_update(
        award=award,
        actor=learner,
        visibility=visibility,
        name_display=name_display,
        endorsements_open=True,
    )


def test_only_me_hides_every_hosted_copy_from_strangers(
    client: Client, award: Award, learner: User, outsider: User
) -> None:
    for path in _paths(award, NAMED):
        response = client.get(path)
        assert response.status_code == 200 and b"Morag Learner" in response.content, path
    downloaded = client.get(f"/credentials/{award.code}.json").content

    _choose(award, learner, visibility="private", name_display="short")
    for who in (None, outsider):
        stranger = Client()
        if who is not None:
            stranger.force_login(who)
        for path in _paths(award, NAMED + HASHED):
            assert stranger.get(path).status_code == 404, (who, path)
        for path in ALWAYS_PUBLIC:  # so the learner's own copy still verifies anywhere
            assert stranger.get(path).status_code == 200, path

    client.force_login(learner)
    for path in _paths(award, NAMED + HASHED):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    anyone = Client()
    upload = SimpleUploadedFile("credential.json", downloaded)
    page = anyone.post("/verify/", {"file": upload}).content.decode()
    assert "Genuine: this badge is genuine and current" in page


def test_with_a_short_name_no_public_document_carries_the_full_name(
    client: Client, award: Award, learner: User
) -> None:
    _choose(award, learner, visibility="link", name_display="short")
    page = client.get(f"/awards/{award.code}/").content.decode()
    assert "Morag L." in page and "Morag Learner" not in page
    for path in _paths(award, NAMED):
        assert client.get(path).status_code == 404, path
    for path in _paths(award, HASHED):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"Morag" not in response.content and b"Learner" not in response.content
        assert "public" in response["Cache-Control"]
    assert f"/credentials/{award.code}" not in page  # not offered to strangers

    _choose(award, learner, visibility="link", name_display="full")
    for path in _paths(award, NAMED):
        assert client.get(path).status_code == 200, path
