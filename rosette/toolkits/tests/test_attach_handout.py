"""A completed risk assessment attached to an application as the completed handout, from
the evidence form: the action plan PDF as it stands, stored with the application."""

from __future__ import annotations

import html
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Attachment
from rosette.toolkits import services
from rosette.toolkits.models import Guide, RiskAssessment

from .test_services import rate_everything

pytestmark = pytest.mark.django_db


def test_a_completed_assessment_is_attached_as_the_handout_pdf(
    client: Client, guide: Guide, assessment: RiskAssessment, learner: User
) -> None:
    services.assessment_complete(assessment=rate_everything(assessment, learner), actor=learner)
    application = applications.application_start(learner=learner, badge=guide.badges.get())
    client.force_login(learner)
    edit = reverse("applications:edit", kwargs={"public_id": application.public_id})
    assert str(assessment.public_id) in client.get(edit).content.decode()  # offered
    response = client.post(
        reverse("applications:attach_assessment", kwargs={"public_id": application.public_id}),
        {"assessment": str(assessment.public_id)},
        follow=True,
    )
    body = html.unescape(response.content.decode())
    assert "Attached: Completed handout:" in body
    assert "Tuesday video peer support group" in body
    stored = Attachment.objects.get()
    assert stored.content_type == "application/pdf"
    with stored.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_an_assessment_that_is_not_the_learners_is_refused(
    client: Client, guide: Guide, learner: User
) -> None:
    application = applications.application_start(learner=learner, badge=guide.badges.get())
    client.force_login(learner)
    response = client.post(
        reverse("applications:attach_assessment", kwargs={"public_id": application.public_id}),
        {"assessment": str(uuid.uuid4())},
        follow=True,
    )
    body = html.unescape(response.content.decode())
    assert "That risk assessment cannot be attached to this application." in body
    assert not Attachment.objects.exists()
