"""The demo learner's badges are earned through the real services (C6 demo content)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.awards import selectors
from rosette.awards.models import Award
from rosette.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_learner_holds_the_introductory_badges_and_video_chats(client: Client) -> None:
    load_demo(awards=True)
    load_demo(awards=True)  # safe to run again
    learner = User.objects.get(email="learner@example.org")
    awards = Award.objects.filter(recipient=learner)
    assert {a.badge.slug for a in awards} == {
        "getting-started-with-open-badges",
        "writing-evidence-for-open-badge-applications",
        "oss-video-chats",
    }
    assert all(a.application is not None and a.evidence.exists() for a in awards)
    assert all(a.application.status == "awarded" for a in awards if a.application)
    from rosette.assessment.models import Decision

    decided = Decision.objects.filter(outcome="award", application__learner=learner)
    assert decided.count() == 3  # by the demo assessor, through the assessment decision
    video = awards.get(badge__slug="oss-video-chats")
    assert video.visibility == "public"
    assert video.endorsements.published().count() == 1
    [progress] = selectors.pathway_progress(user=learner)
    assert (progress.pathway.slug, progress.held_count, progress.required) == (
        "online-safety-and-security", 1, 8,
    )  # fmt: skip
    client.force_login(learner)
    mine = client.get(reverse("awards:mine")).content.decode()
    assert video.get_absolute_url() in mine
    client.logout()
    page = client.get(video.get_absolute_url()).content.decode()
    assert "Morag Learner" in page and "Callum Manager, manager" in page


def test_test_journeys_get_a_demo_learner_without_badges() -> None:
    load_demo()
    assert not Award.objects.filter(recipient__email="learner@example.org").exists()
