"""Review that goes round more than once (issue 15): after "needs work" the learner asks
again; the reviewer sees what changed since their comments, and marks it ready."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import review
from rosette.applications.models import Application, Review
from rosette.applications.tests.conftest import fill
from rosette.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def shared_and_commented(application: Application, manager: User) -> Review:
    fill(application, text="I check the room before the call starts.")
    shared = review.review_accept(
        review=review.review_invite(
            application=application, actor=application.learner, email=manager.email
        ),
        actor=manager,
    )
    return review.review_submit(
        review=shared, actor=manager, comments={}, checklist=[], overall_note="Say more.",
        verdict=Review.Verdict.NEEDS_WORK,
    )  # fmt: skip


def ask_again_url(shared: Review) -> str:
    return reverse(
        "reviews:ask_again",
        kwargs={"public_id": shared.application.public_id, "review_id": shared.public_id},
    )


def test_the_learner_asks_again_and_the_reviewer_sees_what_changed_since_their_comments(
    client: Client,
    application: Application,
    learner: User,
    manager: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    shared = shared_and_commented(application, manager)
    fill(application, text="I check the room and the waiting room before the call starts.")
    client.force_login(learner)
    share_page = client.get(reverse("reviews:share", kwargs={"public_id": application.public_id}))
    assert ask_again_url(shared) in share_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_again_url(shared))
    assert mail.outbox[-1].to == [manager.email]
    assert "asks you to look again" in mail.outbox[-1].subject
    assert AuditEvent.objects.filter(action="applications:review:ask_again").count() == 1

    client.force_login(manager)
    home = client.get(reverse("managers:home")).content.decode()
    assert "Asks you to look again" in home and "Changed since your comments" in home
    page = client.get(shared.get_absolute_url()).content.decode()
    assert "What changed since your comments" in page
    assert re.search(
        r'<ins><span class="visually-hidden">added: </span>[^<]*waiting[^<]*</ins>', page
    )

    question = application.version.questions.order_by("position").first()
    assert question is not None
    client.post(
        shared.get_absolute_url(),
        {f"comment-{question.id}": "", "overall_note": "Ready now.", "verdict": "ready"},
    )
    shared.refresh_from_db()
    assert shared.verdict == Review.Verdict.READY and not shared.asked_again
    page = client.get(shared.get_absolute_url()).content.decode()
    assert "What changed since your comments" not in page  # nothing since these comments


def test_asking_again_waits_for_comments_and_is_once_a_round(
    application: Application, learner: User, manager: User
) -> None:
    invitation = review.review_invite(application=application, actor=learner, email=manager.email)
    with pytest.raises(review.ReviewError):
        review.review_ask_again(review=invitation, actor=learner)
    shared = shared_and_commented_again(application, manager, invitation)
    review.review_ask_again(review=shared, actor=learner)
    with pytest.raises(review.ReviewError):
        review.review_ask_again(review=shared, actor=learner)


def shared_and_commented_again(
    application: Application, manager: User, invitation: Review
) -> Review:
    shared = review.review_accept(review=invitation, actor=manager)
    return review.review_submit(
        review=shared, actor=manager, comments={}, checklist=[], overall_note="More.",
        verdict=Review.Verdict.NEEDS_WORK,
    )  # fmt: skip


def test_nobody_else_asks_again_for_the_learner(
    client: Client, application: Application, manager: User, outsider: User
) -> None:
    shared = shared_and_commented(application, manager)
    for person in (outsider, manager):
        client.force_login(person)
        assert client.post(ask_again_url(shared)).status_code == 404
    shared.refresh_from_db()
    assert shared.asked_again_at is None


def test_the_changes_are_word_by_word_and_bounded() -> None:
    runs = review.changes("one two three", "one 2 three four")
    assert [(r.kind, r.text) for r in runs] == [
        ("same", "one"), ("removed", "two"), ("added", "2"), ("same", "three"), ("added", "four"),
    ]  # fmt: skip
    huge = " ".join(["word"] * review.MAX_DIFF_WORDS)
    assert [r.kind for r in review.changes(huge, huge + " more")] == ["removed", "added"]
