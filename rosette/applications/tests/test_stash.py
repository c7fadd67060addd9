"""What a signed-out browser keeps of a save (DESIGN rule 17), and no more (issue 12,
finding 7): only for a draft the person could open, only the form's own fields, a few drafts
at most, for a few days."""

from __future__ import annotations

import re
import secrets
import time
import uuid
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import services, stash
from rosette.applications.models import Application
from rosette.applications.tests.conftest import ready
from rosette.catalogue.models import Badge
from tests import factories

pytestmark = pytest.mark.django_db

SAVED = "We saved the text you typed before you were signed out."


def edit_url(application: Application) -> str:
    return reverse("applications:edit", kwargs={"public_id": application.public_id})


def autosave_url(application: Application) -> str:
    return reverse("applications:autosave", kwargs={"public_id": application.public_id})


def _opened(client: Client, application: Application) -> dict[str, str]:
    """The form as the learner's page gave it to the browser, then the session ends."""
    client.force_login(application.learner)
    page = client.get(edit_url(application)).content.decode()
    client.logout()
    keep = re.search(r'name="keep" value="([^"]+)"', page)
    assert keep, "the evidence form carries proof it was served to the learner"
    data = {"keep": keep.group(1), "revision": "0", "editor": "tab"}
    for answer in services.current_attempt(application).answers.exclude(question=None):
        data[f"text-{answer.question_id}"] = "written while my session expired"
    return data


def _session_size(client: Client) -> int:
    """The size of the browser's session as stored (0 when it has none)."""
    if "sessionid" not in client.cookies:
        return 0
    session = SessionStore(session_key=client.cookies["sessionid"].value)
    return len(session.encode(session.load()))


def test_text_sent_after_the_session_ended_is_saved_after_signing_in(
    client: Client, application: Application
) -> None:
    data = _opened(client, application)
    response = client.post(autosave_url(application), data, HTTP_HX_REQUEST="true")
    assert "signed out" in response.content.decode().lower()
    client.force_login(application.learner)  # the same browser session signs in again
    body = client.get(edit_url(application), follow=True).content.decode()
    assert SAVED in body and "written while my session expired" in body


def test_a_stranger_cannot_grow_a_session_with_made_up_drafts(client: Client) -> None:
    client.get("/")  # an anonymous session
    for _ in range(20):
        url = reverse("applications:edit", kwargs={"public_id": uuid.uuid4()})
        blob = secrets.token_urlsafe(150_000)  # text that does not compress
        response = client.post(url, {"text-1": blob, "anything": blob})
        assert response.status_code == 302  # sent to sign in, as before
    assert _session_size(client) < 2_000


def test_nothing_is_kept_for_a_real_draft_without_the_page_it_came_from(
    client: Client, application: Application
) -> None:
    data = _opened(client, application)
    del data["keep"]
    client.post(edit_url(application), data)
    forged = {**_opened(Client(), application), "revision": "0"}
    other = services.application_start(learner=factories.make_user(), badge=application.badge)
    # A token for one draft does not keep text for another person's.
    client.post(edit_url(other), forged)
    client.force_login(application.learner)
    assert SAVED not in client.get(edit_url(application), follow=True).content.decode()
    client.force_login(other.learner)
    assert SAVED not in client.get(edit_url(other), follow=True).content.decode()


def test_only_the_forms_own_fields_are_kept(client: Client, application: Application) -> None:
    data = _opened(client, application)
    client.post(edit_url(application), {**data, "junk": "y" * 1_000_000})
    assert _session_size(client) < 10_000


def test_too_much_text_is_not_kept(client: Client, application: Application) -> None:
    data = _opened(client, application)
    too_long = {k: ("z" * 60_000 if k.startswith("text-") else v) for k, v in data.items()}
    client.post(edit_url(application), too_long)
    assert _session_size(client) < 2_000


def test_a_few_drafts_at_most_are_kept(client: Client, learner: User, badge: Badge) -> None:
    drafts = [
        services.application_start(learner=learner, badge=factories.make_badge())
        for _ in range(stash.MAX_DRAFTS + 2)
    ]
    forms = [_opened(Client(), draft) for draft in drafts]
    for draft, data in zip(drafts, forms, strict=True):
        client.post(edit_url(draft), data)
    client.force_login(learner)
    kept = [SAVED in client.get(edit_url(d), follow=True).content.decode() for d in drafts]
    assert kept == [False] * 2 + [True] * stash.MAX_DRAFTS  # the newest


def test_what_was_kept_expires(client: Client, application: Application) -> None:
    client.post(edit_url(application), _opened(client, application))
    session = SessionStore(session_key=client.cookies["sessionid"].value)
    entries: dict[str, Any] = session[stash.SESSION_KEY]
    for entry in entries.values():  # as if it had been kept a week ago
        entry["at"] = time.time() - stash.MAX_AGE_SECONDS - 1
    session[stash.SESSION_KEY] = entries
    session.save()
    client.force_login(application.learner)
    assert SAVED not in client.get(edit_url(application), follow=True).content.decode()


def test_someone_else_signing_in_on_the_same_browser_gets_nothing_of_it(
    client: Client, application: Application, outsider: User
) -> None:
    client.post(edit_url(application), _opened(client, application))
    client.force_login(outsider)
    own = services.application_start(learner=outsider, badge=application.badge)
    assert SAVED not in client.get(edit_url(own), follow=True).content.decode()
    session = SessionStore(session_key=client.cookies["sessionid"].value)
    assert not session.get(stash.SESSION_KEY)


def test_every_field_at_its_limit_is_more_than_is_kept(
    client: Client, application: Application
) -> None:
    """Each field within its own limit, but together more than a draft's evidence ever is."""
    data = _opened(client, application)
    for key in [
        a.question_id or "whole" for a in services.current_attempt(application).answers.all()
    ]:
        if key != "whole":
            data[f"text-{key}"] = "w" * 50_000
        data[f"transcript-{key}"] = "t" * 50_000
        data[f"link-{key}"] = "https://example.org/" + "l" * 470
    data["intended_actions"] = "a" * 50_000
    response = client.post(autosave_url(application), data, HTTP_HX_REQUEST="true")
    assert "Sign in again before you go on, then save." in response.content.decode()
    assert _session_size(client) < 2_000


def test_nothing_is_kept_for_a_draft_submitted_meanwhile(
    client: Client, application: Application
) -> None:
    data = _opened(client, application)
    ready(application)
    services.application_submit(
        application=application, actor=application.learner, declaration=True, ai_used=False
    )
    response = client.post(autosave_url(application), data, HTTP_HX_REQUEST="true")
    assert "Sign in again before you go on, then save." in response.content.decode()
    assert _session_size(client) < 2_000
