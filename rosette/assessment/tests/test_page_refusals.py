"""The assessor's pages when the moment has passed: an empty queue, an application nobody
holds, an award the learner already holds, a decision moderated already. Each says so
plainly and records nothing."""

from __future__ import annotations

import html
import io
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications.models import Application
from rosette.assessment import services
from rosette.assessment.models import Claim, Decision, Moderation
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Issuer, IssuerStaff
from tests import factories

from .conftest import scores_for
from .test_views import _assess, _decide, _queue

pytestmark = pytest.mark.django_db


def _body(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_an_assessor_of_two_issuers_chooses_which_queue(
    client: Client, issuer: Issuer, assessor: User
) -> None:
    other = factories.make_issuer(slug="second-issuer", name="Second Issuer")
    catalogue.issuer_staff_add(
        issuer=other, user=assessor, role=IssuerStaff.Role.ASSESSOR, actor=None
    )
    client.force_login(assessor)
    response = client.get(reverse("assessment:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert _queue(issuer) in page and _queue(other) in page


def test_assess_next_with_nothing_waiting_says_so(
    client: Client, issuer: Issuer, assessor: User
) -> None:
    client.force_login(assessor)
    response = client.post(_queue(issuer), follow=True)
    assert response.redirect_chain[-1][0] == _queue(issuer)
    assert "There is nothing waiting to be assessed." in _body(response)
    assert not Claim.objects.exists()


def test_an_admin_who_holds_an_application_may_also_hand_it_on(
    client: Client,
    issuer: Issuer,
    issuer_admin: User,
    second_assessor: User,
    make_submitted: Callable[..., Application],
) -> None:
    application = make_submitted()
    assert services.claim_next(issuer=issuer, assessor=issuer_admin) == application
    client.force_login(issuer_admin)
    page = _body(client.get(_assess(application)))
    assert 'name="action" value="reassign"' in page
    assert "Ruth Second" in page  # offered as who to hand it to


def test_reassigning_an_application_to_its_own_learner_is_refused_on_the_page(
    client: Client,
    issuer: Issuer,
    assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
) -> None:
    learner = factories.make_user(name="Lee Learner")
    catalogue.issuer_staff_add(
        issuer=issuer, user=learner, role=IssuerStaff.Role.ASSESSOR, actor=issuer_admin
    )
    application = make_submitted(learner)
    services.claim_next(issuer=issuer, assessor=assessor)
    client.force_login(issuer_admin)
    response = client.post(
        _assess(application), {"action": "reassign", "assessor": str(learner.public_id)}
    )
    assert "Nobody can assess their own application." in _body(response)
    assert application.reference in _body(response)
    assert Claim.objects.get().assessor == assessor


def test_awarding_a_badge_the_learner_already_holds_is_refused_plainly(
    client: Client, issuer: Issuer, assessor: User, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    factories.give_badge(application.learner, application.badge)  # awarded another way
    client.force_login(assessor)
    response = client.post(_assess(application), _decide(application, outcome="award"), follow=True)
    assert response.redirect_chain[-1][0] == _queue(issuer)
    assert "This person already holds this badge." in _body(response)
    assert not Decision.objects.exists()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_moderating_a_decision_twice_says_it_is_done(
    client: Client,
    issuer: Issuer,
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
) -> None:
    services.assessment_settings_update(
        issuer=issuer, actor=issuer_admin, claim_minutes=240, moderation_percent=100,
        reminder_days_left=7,
    )  # fmt: skip
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    decision = services.decision_record(
        application=application, actor=assessor, outcome="award",
        scores=scores_for(application, 1), feedback={},
    )  # fmt: skip
    moderation = Moderation.objects.get(decision=decision)
    url = reverse("assessment:moderation_detail", kwargs={"public_id": moderation.public_id})
    client.force_login(second_assessor)
    client.post(url, {"outcome": "agree", "note": ""})
    again = client.post(url, {"outcome": "disagree", "note": "Second thoughts."}, follow=True)
    assert "This decision has already been moderated." in _body(again)
    assert Moderation.objects.get(pk=moderation.pk).outcome == "agree"


def test_the_reminder_command_can_hand_the_work_to_the_task_worker(
    issuer_admin: User,
    make_submitted: Callable[..., Application],
    django_capture_on_commit_callbacks: Any,
) -> None:
    make_submitted(days=29)
    mail.outbox.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_sla_reminders", "--enqueue", stdout=out)
    assert out.getvalue().startswith("Queued the reminder task (")
    assert [message.to for message in mail.outbox] == [[issuer_admin.email]]  # the worker ran it


def test_addresses_that_name_nothing_are_not_found(
    client: Client, issuer: Issuer, assessor: User, issuer_admin: User
) -> None:
    client.force_login(issuer_admin)
    for url in (
        reverse("assessment:assess", kwargs={"public_id": uuid.uuid4()}),
        reverse("assessment:moderation_detail", kwargs={"public_id": uuid.uuid4()}),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "decide"}).status_code == 404


def test_a_moderation_at_another_issuer_is_not_found(
    client: Client,
    issuer: Issuer,
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
) -> None:
    services.assessment_settings_update(
        issuer=issuer, actor=issuer_admin, claim_minutes=240, moderation_percent=100,
        reminder_days_left=7,
    )  # fmt: skip
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    decision = services.decision_record(
        application=application, actor=assessor, outcome="award",
        scores=scores_for(application, 1), feedback={},
    )  # fmt: skip
    url = reverse(
        "assessment:moderation_detail",
        kwargs={"public_id": Moderation.objects.get(decision=decision).public_id},
    )
    client.force_login(factories.make_staff(factories.make_issuer(slug="elsewhere")))
    assert client.get(url).status_code == 404
    assert client.post(url, {"outcome": "agree", "note": ""}).status_code == 404
    assert Moderation.objects.get(decision=decision).done_at is None
