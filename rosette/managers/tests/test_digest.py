"""The manager's digest (issue 15): weekly by default, never more than one a day, none when
nothing waits, and switchable to daily or off."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rosette.accounts.models import User
from rosette.applications import review
from rosette.applications import services as applications
from rosette.catalogue.models import Issuer
from rosette.managers.digest import digests_send
from tests import factories
from tests.signin import SignInClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(manager: User, learner: User, issuer: Issuer) -> None:
    """A draft the learner asked the manager to check."""
    application = applications.application_start(
        learner=learner, badge=factories.make_badge(issuer=issuer, name="Video chats")
    )
    review.review_invite(application=application, actor=learner, email=manager.email)


def digests(now: Any, capture: Any) -> list[Any]:
    before = len(mail.outbox)
    with capture(execute=True):
        digests_send(now=now)
    return [m for m in mail.outbox[before:] if "What is waiting" in m.subject]


def test_weekly_by_default_and_never_more(
    waiting: None, manager: User, django_capture_on_commit_callbacks: Any
) -> None:
    now = timezone.now()
    [sent] = digests(now, django_capture_on_commit_callbacks)
    assert sent.to == [manager.email]
    assert "1 person asks you to check a draft." in sent.body
    assert "never replace mandatory training" in sent.body
    assert digests(now + timedelta(hours=2), django_capture_on_commit_callbacks) == []
    assert digests(now + timedelta(days=3), django_capture_on_commit_callbacks) == []
    assert len(digests(now + timedelta(days=7), django_capture_on_commit_callbacks)) == 1


def test_daily_at_most_once_a_day_and_off_is_off(
    client: SignInClient, waiting: None, manager: User, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(manager)
    settings_page = reverse("managers:notifications")
    assert client.get(settings_page).status_code == 200
    client.post(settings_page, {"frequency": "daily"})
    now = timezone.now()
    assert len(digests(now, django_capture_on_commit_callbacks)) == 1
    assert digests(now + timedelta(hours=12), django_capture_on_commit_callbacks) == []
    assert len(digests(now + timedelta(days=1), django_capture_on_commit_callbacks)) == 1
    client.post(settings_page, {"frequency": "off"})
    assert digests(now + timedelta(days=30), django_capture_on_commit_callbacks) == []


def test_nothing_waiting_sends_nothing(
    manager: User, django_capture_on_commit_callbacks: Any
) -> None:
    assert digests(timezone.now(), django_capture_on_commit_callbacks) == []


def test_only_managers_choose(client: SignInClient, learner: User) -> None:
    client.force_login(learner)
    assert client.get(reverse("managers:notifications")).status_code == 403
    assert client.post(reverse("managers:notifications"), {"frequency": "off"}).status_code == 403
