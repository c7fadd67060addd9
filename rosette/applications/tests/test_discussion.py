"""Discussion tasks (rule 18, issue 15): the learner records who took part, when and what
was agreed, and asks someone who took part to confirm it; the confirmation shows on the
application, on the confirmer's home, and on the award page if the learner chooses."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import discussion, services
from rosette.applications.models import Application, Discussion
from rosette.awards.services import award_create
from rosette.catalogue.models import Issuer
from rosette.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

TASK = "Share your evidence with your team and agree how you will use video calls safely."


@pytest.fixture
def application(learner: User, issuer: Issuer) -> Application:
    badge = factories.make_badge(issuer=issuer, name="Video chats", discussion_task=TASK)
    return services.application_start(learner=learner, badge=badge)


def record(client: Client, application: Application, **more: str) -> Any:
    return client.post(
        reverse("reviews:discussion", kwargs={"public_id": application.public_id}),
        {
            "participants": "My manager and two colleagues",
            "held_on": "05/01/2026",
            "agreed": "We will check the room before every call.",
            **more,
        },
    )


def test_the_learner_records_it_and_the_person_asked_confirms_it(
    client: Client,
    application: Application,
    learner: User,
    manager: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client.force_login(learner)
    page = client.get(reverse("reviews:discussion", kwargs={"public_id": application.public_id}))
    assert TASK in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = record(client, application, confirmer_email=manager.email, show_on_award="on")
    assert response.status_code == 302
    saved = Discussion.objects.get(application=application)
    assert saved.held_on == datetime.date(2026, 1, 5) and saved.confirmer_email == manager.email
    assert mail.outbox[-1].to == [manager.email]
    match = re.search(r"https?://[^/\s]+(/reviews/discussions/\S+/)", str(mail.outbox[-1].body))
    assert match is not None

    client.force_login(manager)
    home = client.get(reverse("managers:home")).content.decode()
    assert "Discussions to confirm" in home and "Morag Learner: Video chats" in home
    confirm = match.group(1)
    assert "We will check the room before every call." in client.get(confirm).content.decode()
    client.post(confirm)
    saved.refresh_from_db()
    assert saved.confirmer == manager and saved.confirmed_at is not None
    assert AuditEvent.objects.filter(action="applications:discussion:confirm").exists()

    client.force_login(learner)
    detail = client.get(application.get_absolute_url()).content.decode()
    assert "Your discussion was confirmed by Callum Manager" in detail

    award = award_create(
        recipient=learner, badge=application.badge, actor=None, application=application
    )
    award_page = client.get(award.get_absolute_url()).content.decode()
    assert "confirmed by Callum Manager" in award_page


def test_the_award_page_shows_it_only_if_the_learner_chooses(
    client: Client, application: Application, learner: User, manager: User
) -> None:
    client.force_login(learner)
    record(client, application, confirmer_email=manager.email)
    saved = Discussion.objects.get(application=application)
    discussion.discussion_confirm(discussion=saved, actor=manager, verified_emails=[manager.email])
    award = award_create(
        recipient=learner, badge=application.badge, actor=None, application=application
    )
    assert (
        "confirmed by Callum Manager" not in client.get(award.get_absolute_url()).content.decode()
    )


def test_changing_the_record_asks_for_confirmation_again(
    client: Client, application: Application, learner: User, manager: User
) -> None:
    client.force_login(learner)
    record(client, application, confirmer_email=manager.email)
    saved = Discussion.objects.get(application=application)
    discussion.discussion_confirm(discussion=saved, actor=manager, verified_emails=[manager.email])
    record(client, application, agreed="Something else entirely.", confirmer_email=manager.email)
    saved.refresh_from_db()
    assert saved.confirmed_at is None


def test_nobody_else_confirms_or_reads_it(
    client: Client, application: Application, learner: User, manager: User, outsider: User
) -> None:
    client.force_login(learner)
    record(client, application, confirmer_email=manager.email)
    saved = Discussion.objects.get(application=application)
    confirm = reverse("reviews:discussion_confirm", kwargs={"public_id": saved.public_id})
    for person in (outsider, learner):
        client.force_login(person)
        assert client.get(confirm).status_code == 404
        assert client.post(confirm).status_code == 404
    client.force_login(outsider)
    page = reverse("reviews:discussion", kwargs={"public_id": application.public_id})
    assert client.get(page).status_code == 404
    assert client.post(page, {"participants": "x"}).status_code == 404
    saved.refresh_from_db()
    assert saved.confirmed_at is None


def test_a_future_date_or_identifying_text_is_refused_and_nothing_is_lost(
    client: Client, application: Application, learner: User
) -> None:
    client.force_login(learner)
    response = record(client, application, held_on="01/01/2099")
    assert response.status_code == 200
    assert "must be today or in the past" in response.content.decode()
    assert "We will check the room before every call." in response.content.decode()
    assert not Discussion.objects.exists()


def test_a_badge_without_a_discussion_task_has_no_discussion_page(
    client: Client, learner: User, issuer: Issuer
) -> None:
    plain = services.application_start(learner=learner, badge=factories.make_badge(issuer=issuer))
    client.force_login(learner)
    page = reverse("reviews:discussion", kwargs={"public_id": plain.public_id})
    assert client.get(page).status_code == 404
