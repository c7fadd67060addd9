"""Saves that arrive after the application was submitted, in another tab or at the same
moment, and applications for a badge already held (issue 12, finding 9). Words typed are
never thrown away: they are kept, and the learner is told where."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import services
from rosette.applications.models import Application, DraftSnapshot
from rosette.applications.tests.conftest import ready
from rosette.awards import services as awards
from rosette.catalogue.models import Badge, Issuer
from tests import factories

from .test_views import edit_url, form_data

pytestmark = pytest.mark.django_db

KEPT = "Your application was submitted before these changes were saved"


def _submit(application: Application) -> None:
    services.application_submit(
        application=application, actor=application.learner, declaration=True, ai_used=False
    )


def test_a_stale_tab_saving_after_submission_keeps_the_text_and_says_so(
    client: Client, application: Application
) -> None:
    ready(application)
    client.force_login(application.learner)
    stale = form_data(application, "written in a tab left open")  # its revision, before
    _submit(application)
    response = client.post(edit_url(application), {**stale, "action": "save"}, follow=True)
    body = response.content.decode()
    assert KEPT in body
    assert "written in a tab left open" in body  # shown on the application's page
    snapshot = DraftSnapshot.objects.get()
    assert snapshot.reason == DraftSnapshot.Reason.AFTER_SUBMISSION
    assert "written in a tab left open" in snapshot.data["texts"].values()


def test_a_stale_tabs_autosave_after_submission_keeps_the_text_and_says_so(
    client: Client, application: Application
) -> None:
    ready(application)
    client.force_login(application.learner)
    stale = form_data(application, "typed a moment too late")
    _submit(application)
    response = client.post(
        reverse("applications:autosave", kwargs={"public_id": application.public_id}),
        stale,
        HTTP_HX_REQUEST="true",
    )
    assert KEPT in response.content.decode()
    assert DraftSnapshot.objects.filter(reason=DraftSnapshot.Reason.AFTER_SUBMISSION).exists()


def test_a_late_save_of_the_words_already_submitted_keeps_nothing_twice(
    client: Client, application: Application
) -> None:
    ready(application)
    client.force_login(application.learner)
    attempt = services.current_attempt(application)
    same = {"revision": str(attempt.revision)}
    for answer in attempt.answers.exclude(question=None):
        same[f"text-{answer.question_id}"] = answer.text
    _submit(application)
    response = client.post(edit_url(application), {**same, "action": "save"}, follow=True)
    assert "This application is submitted" in response.content.decode()
    assert not DraftSnapshot.objects.exists()


@pytest.fixture
def held(learner: User, issuer: Issuer) -> Badge:
    badge = factories.make_badge(issuer=issuer, name="Held already", slug="held-already")
    factories.give_badge(learner, badge)
    return badge


def test_applying_for_a_badge_already_held_is_refused(
    client: Client, learner: User, held: Badge
) -> None:
    client.force_login(learner)
    response = client.post(reverse("applications:start", kwargs={"slug": held.slug}), follow=True)
    assert "You already hold this badge, so there is nothing to apply for." in (
        response.content.decode()
    )
    assert not Application.objects.filter(badge=held).exists()


def test_applying_for_a_badge_whose_award_is_suspended_is_refused(
    client: Client, learner: User, held: Badge, issuer: Issuer
) -> None:
    admin = factories.make_staff(issuer, role="admin")
    awards.award_status_change(
        award=held.awards.get(), actor=admin, action="suspend", reason="Checking"
    )
    client.force_login(learner)
    response = client.post(reverse("applications:start", kwargs={"slug": held.slug}), follow=True)
    assert "Your award of this badge is suspended" in response.content.decode()
    assert not Application.objects.filter(badge=held).exists()


def test_a_revoked_badge_can_be_applied_for_again(
    client: Client, learner: User, held: Badge, issuer: Issuer
) -> None:
    admin = factories.make_staff(issuer, role="admin")
    awards.award_status_change(
        award=held.awards.get(), actor=admin, action="revoke", reason="Copied evidence"
    )
    client.force_login(learner)
    client.post(reverse("applications:start", kwargs={"slug": held.slug}))
    assert Application.objects.filter(badge=held, learner=learner).exists()
