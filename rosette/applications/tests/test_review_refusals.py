"""Sharing a draft when the moment has passed or the share exists already, and a reviewer
acting twice: each is told plainly, and nothing is sent or changed twice."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import review, services
from rosette.applications.models import Application, Review, ReviewComment
from rosette.applications.tests.conftest import ready
from rosette.awards.services import award_create
from rosette.core.models import AuditEvent

from .test_review import (
    accepted,
    first_question,
    hold_prerequisites,
    send_comments,
    share,
    write_actions,
)

pytestmark = pytest.mark.django_db


def _share_url(application: Application) -> str:
    return reverse("reviews:share", kwargs={"public_id": application.public_id})


def _body(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_the_share_page_offers_the_form(client: Client, application: Application) -> None:
    client.force_login(application.learner)
    page = _body(client.get(_share_url(application)))
    assert 'name="email"' in page


def test_sharing_a_submitted_draft_is_refused_and_nothing_is_sent(
    client: Client, application: Application
) -> None:
    ready(application)
    services.application_submit(
        application=application, actor=application.learner, declaration=True, ai_used=False
    )
    client.force_login(application.learner)
    response = client.post(_share_url(application), {"email": "manager@example.org"})
    assert response.status_code == 200
    assert "You can only share a draft before you submit it." in _body(response)
    assert not Review.objects.exists()
    assert mail.outbox == []


def test_sharing_again_with_a_reviewer_who_accepted_says_so(
    client: Client, application: Application, manager: User
) -> None:
    accepted(application, manager)
    sent = len(mail.outbox)
    client.force_login(application.learner)
    response = client.post(_share_url(application), {"email": manager.email.upper()})
    assert f"You have already shared this draft with {manager.email}." in _body(response)
    assert len(mail.outbox) == sent
    assert Review.objects.count() == 1


def test_stopping_a_share_twice_finds_nothing_the_second_time(
    client: Client, application: Application, manager: User
) -> None:
    shared = accepted(application, manager)
    client.force_login(application.learner)
    url = reverse(
        "reviews:revoke",
        kwargs={"public_id": application.public_id, "review_id": shared.public_id},
    )
    assert client.post(url)["Location"] == _share_url(application)
    assert client.post(url).status_code == 404  # a second tab
    shared.refresh_from_db()
    first = shared.revoked_at
    assert review.review_revoke(review=shared, actor=application.learner).revoked_at == first
    assert AuditEvent.objects.filter(action="applications:review:revoke").count() == 1


def test_the_reviewer_opening_their_link_again_goes_straight_to_the_draft(
    client: Client, application: Application, manager: User
) -> None:
    invitation = share(application, email=manager.email)
    link = reverse("reviews:accept", kwargs={"token": invitation.token})
    client.force_login(manager)
    first = client.post(link)
    again = client.get(link)
    assert first["Location"] == again["Location"] == invitation.get_absolute_url()
    shared = Review.objects.get()
    assert review.review_accept(review=shared, actor=manager).accepted_at == shared.accepted_at
    assert AuditEvent.objects.filter(action="applications:review:accept").count() == 1


def test_a_changed_comment_replaces_the_one_the_learner_saw(
    client: Client, application: Application, manager: User
) -> None:
    shared = accepted(application, manager)
    client.force_login(manager)
    send_comments(client, shared, "Say more about the waiting room.")
    send_comments(client, shared, "Say more about who can hear the call.")
    [summary] = review.reviews_for_learner(application=application)
    texts = [comment.text for comment in summary.comments]
    assert texts == ["Say more about who can hear the call."]
    assert summary.comments[0].question == first_question(application)


def test_marking_a_follow_up_done_twice_keeps_when_it_was_done(
    client: Client, application: Application, manager: User
) -> None:
    shared = accepted(application, manager)
    write_actions(application, "Talk to the team.")
    hold_prerequisites(application)
    award = award_create(recipient=application.learner, badge=application.badge, actor=None)
    [item] = review.followups_create_for_award(application=application, award=award)
    assert item.review == shared
    client.force_login(manager)
    url = reverse("reviews:followup", kwargs={"public_id": item.public_id})
    client.post(url, {"done": "on", "note": "Done in supervision."})
    item.refresh_from_db()
    done_at = item.done_at
    assert done_at is not None
    client.post(url, {"done": "on", "note": "Done in supervision; team told too."})
    item.refresh_from_db()
    assert item.done_at == done_at
    assert item.note == "Done in supervision; team told too."
    client.post(url, {"note": "Not done after all."})
    item.refresh_from_db()
    assert item.done_at is None


def test_sending_the_same_comment_again_leaves_it_as_it_was(
    client: Client, application: Application, manager: User
) -> None:
    shared = accepted(application, manager)
    client.force_login(manager)
    send_comments(client, shared, "Say more about the waiting room.")
    before = ReviewComment.objects.get()
    send_comments(client, shared, "Say more about the waiting room.", verdict="ready")
    after = ReviewComment.objects.get()
    assert (after.pk, after.text, after.updated_at) == (before.pk, before.text, before.updated_at)
    [summary] = review.reviews_for_learner(application=application)
    assert summary.ready


def test_the_reviewer_reopening_the_draft_finds_their_comments_to_change(
    client: Client, application: Application, manager: User
) -> None:
    shared = accepted(application, manager)
    client.force_login(manager)
    send_comments(client, shared, "Say more about the waiting room.")
    page = _body(client.get(shared.get_absolute_url()))
    question = first_question(application)
    field = page.split(f'name="comment-{question.id}"')[1].split("</textarea>")[0]
    assert field.endswith("Say more about the waiting room.")
    assert "A good start." in page  # the overall note too
