"""The learner's home flags what waits for them (issue 16): a manager's new comments,
returned applications, endorsements to publish or hide."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from rosette.applications import review
from rosette.applications import services as applications
from rosette.applications.models import Application
from tests import factories

pytestmark = pytest.mark.django_db


def waiting(client: Client) -> list[str]:
    body = client.get("/home/").content.decode()
    block = re.search(r'(?s)id="waiting-for-you">(.*?)</div></div>', body)
    if not block:
        return []
    return [
        " ".join(re.sub(r"<[^>]+>", "", li).split())
        for li in re.findall(r"(?s)<li>(.*?)</li>", block.group(1))
    ]


def test_new_manager_comments_wait_until_the_learner_revises() -> None:
    learner = factories.make_user(email="carer@example.org")
    manager = factories.make_user(email="boss@example.org")
    badge = factories.make_badge(name="Video chats", questions=[("What did you learn?", 5)])
    application = applications.application_start(learner=learner, badge=badge)
    client = Client()
    client.force_login(learner)
    assert waiting(client) == []
    invited = review.review_invite(application=application, actor=learner, email=manager.email)
    accepted = review.review_accept(review=invited, actor=manager)
    question = badge.versions.get().questions.get()
    review.review_submit(
        review=accepted, actor=manager, comments={question.id: "Say what you would change."},
        checklist=[], overall_note="", verdict="needs_work",
    )  # fmt: skip
    assert waiting(client) == ["New comments on your draft for Video chats"]
    attempt = applications.current_attempt(application)
    applications.draft_save(
        application=application, actor=learner, based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={question.id: "I would change how I set up calls."}, links={},
            transcripts={}, intended_actions="",
        ),
    )  # fmt: skip
    assert waiting(client) == []  # acted on


def test_returned_applications_and_endorsements_wait_on_the_home_page() -> None:
    learner = factories.make_user(email="carer@example.org")
    badge = factories.make_badge(name="Video chats")
    award = factories.give_badge(learner, badge)
    application = applications.application_start(
        learner=learner, badge=factories.make_badge(name="Passwords", slug="passwords")
    )
    Application.objects.filter(pk=application.pk).update(status=Application.Status.RETURNED)
    award.endorsements.create(
        name="Callum", email="callum@example.org", relationship="manager",
        message="Morag now runs every call with a waiting room.", status="pending",
    )  # fmt: skip
    client = Client()
    client.force_login(learner)
    assert waiting(client) == [
        "Passwords was returned: read the feedback and revise your evidence",
        "1 endorsement to publish or hide",
    ]
