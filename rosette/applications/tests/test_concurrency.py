"""A save racing a submission, with real concurrent connections (PostgreSQL): the
submission holds the application's row lock while the save arrives from another tab
(issue 12, finding 9). The save once failed with a server error and lost its words."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client

from rosette.applications import services
from rosette.applications.models import Application, DraftSnapshot
from rosette.applications.tests.conftest import ready

from .test_views import edit_url, form_data

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
HOLD = 0.5


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent connections and row locks: run on PostgreSQL")


def test_a_save_racing_the_submission_keeps_its_words_and_says_so(
    application: Application,
) -> None:
    ready(application)
    learner = application.learner
    browser = Client()
    browser.force_login(learner)
    stale = {**form_data(application, "typed while the other tab submitted"), "action": "save"}
    submitting = threading.Event()
    results: dict[str, Any] = {}

    def submit() -> None:
        try:
            with transaction.atomic():
                services.application_submit(
                    application=application, actor=learner, declaration=True, ai_used=False
                )
                submitting.set()
                time.sleep(HOLD)  # the row stays locked: the save arrives now
        finally:
            connection.close()

    def save() -> None:
        try:
            submitting.wait(5)
            results["save"] = browser.post(edit_url(application), stale)
        except Exception as exc:  # a server error, as the test client raises it
            results["save"] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=submit), threading.Thread(target=save)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    response = results["save"]
    assert not isinstance(response, Exception), response
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    page = browser.get(response["Location"]).content.decode()
    assert "Your application was submitted before these changes were saved" in page
    assert "typed while the other tab submitted" in page
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert DraftSnapshot.objects.filter(reason=DraftSnapshot.Reason.AFTER_SUBMISSION).exists()
