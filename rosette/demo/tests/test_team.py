"""The demo manager's team is alive on first run (issue 15): learners in every state, built
through the services, and the manager's home shows each as a manager would meet it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.demo.loader import load_demo
from rosette.demo.team import TEAM
from rosette.teams.models import Membership

pytestmark = pytest.mark.django_db


def test_the_demo_manager_has_a_team_in_every_state(client: Client) -> None:
    load_demo(awards=True)
    load_demo(awards=True)  # safe to run again
    manager = User.objects.get(email="manager@example.org")
    staff = Membership.objects.filter(
        organisation__slug="demo-care-services", role="staff", status="active"
    ).values_list("user__email", flat=True)
    assert {email for email, _, _ in TEAM} <= set(staff)
    client.force_login(manager)
    page = client.get(reverse("managers:home")).content.decode()
    assert "Fraser Sharing: Getting started" in page  # an invitation not yet opened
    assert "Gregor Revising: OSS Video chats" in page and "Asks you to look again" in page
    assert "Isla Waiting: Getting started" in page
    assert "Jamie Returned: Getting started" in page
    assert "Kirsty Awarded was awarded" in page
    assert "Endorse Getting started with Open Badges for Lewis Endorsement" in page
    assert "Eilidh" not in page  # a draft she has not shared
    assert "Discussions to confirm" in page
    feed = client.get(reverse("managers:celebrate", kwargs={"slug": "demo-care-services"}))
    assert "Kirsty Awarded: Getting started" in feed.content.decode()
    client.force_login(User.objects.get(email="eilidh@example.org"))
    assert "Kirsty Awarded" in client.get(reverse("managers:coaching")).content.decode()
