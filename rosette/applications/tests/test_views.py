from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import services
from rosette.applications.models import Application
from rosette.applications.tests.conftest import fill, ready
from rosette.catalogue.models import Badge, Issuer
from tests import factories

pytestmark = pytest.mark.django_db


def edit_url(application: Application) -> str:
    return reverse("applications:edit", kwargs={"public_id": application.public_id})


def form_data(application: Application, text: str, revision: int | None = None) -> dict[str, str]:
    attempt = services.current_attempt(application)
    data = {"revision": str(attempt.revision if revision is None else revision)}
    for answer in attempt.answers.exclude(question=None):
        data[f"text-{answer.question_id}"] = text
    return data


def test_start_from_the_badge_page_opens_the_evidence_form(
    client: Client, learner: User, badge: Badge
) -> None:
    client.force_login(learner)
    page = client.get(badge.get_absolute_url()).content.decode()
    assert "Start application" in page
    response = client.post(reverse("applications:start", kwargs={"slug": badge.slug}))
    application = Application.objects.get(learner=learner)
    assert response["Location"] == edit_url(application)
    body = client.get(edit_url(application)).content.decode()
    assert "What did you learn?" in body
    assert "0 words of 20 needed" in body
    assert "you cannot submit it until you hold" in body


def test_save_keeps_the_text_and_counts_the_words(client: Client, application: Application) -> None:
    client.force_login(application.learner)
    response = client.post(
        edit_url(application), {**form_data(application, "three little words"), "action": "save"}
    )
    assert response.status_code == 302
    body = client.get(edit_url(application)).content.decode()
    assert "three little words" in body
    assert "3 words of 20 needed" in body
    assert "Your draft is saved." in body


def test_a_met_minimum_reads_naturally_and_the_label_does_not_repeat_the_heading(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    words = " ".join(["word"] * 23)
    client.post(edit_url(application), {**form_data(application, words), "action": "save"})
    body = client.get(edit_url(application)).content.decode()
    count = re.search(r'(?s)<p class="rosette-word-count[^"]*"[^>]*>(.*?)</p>', body)
    assert count and count.group(1).strip() == "23 words: the 20 minimum is met"
    label = re.search(r'(?s)<label[^>]*for="id_text-[0-9]+"[^>]*>(.*?)</label>', body)
    assert label
    shown = re.sub(r'<span class="visually-hidden">.*?</span>', "", label.group(1))
    assert shown.strip() == "What did you learn?"  # the heading above says "Question 1"
    assert "Question 1:" in label.group(1)  # still heard by those who jump to the field


def test_autosave_answers_with_the_new_revision(client: Client, application: Application) -> None:
    client.force_login(application.learner)
    response = client.post(
        reverse("applications:autosave", kwargs={"public_id": application.public_id}),
        form_data(application, "typed at night"),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Saved at" in body
    assert 'name="revision" id="id_revision" value="1" hx-swap-oob="true"' in body


def test_an_autosave_from_a_stale_tab_goes_to_the_merge_page(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    autosave = reverse("applications:autosave", kwargs={"public_id": application.public_id})
    client.post(
        autosave, form_data(application, "from tab one", revision=0), HTTP_HX_REQUEST="true"
    )
    response = client.post(
        autosave, form_data(application, "from tab two", revision=0), HTTP_HX_REQUEST="true"
    )
    assert "/conflict/" in response["HX-Redirect"]
    page = client.get(response["HX-Redirect"]).content.decode()
    assert "from tab one" in page
    assert "from tab two" in page
    client.post(response["HX-Redirect"], {f"text-{q}": "mine" for q in _questions(application)})
    texts = {a.text for a in services.current_attempt(application).answers.exclude(question=None)}
    assert texts == {"from tab two"}


def _questions(application: Application) -> list[int]:
    return [
        a.question_id  # type: ignore[misc]
        for a in services.current_attempt(application).answers.exclude(question=None)
    ]


def test_an_upload_refused_keeps_the_typed_text(client: Client, application: Application) -> None:
    client.force_login(application.learner)
    question = _questions(application)[0]
    fake = SimpleUploadedFile("talk.mp3", b"not really audio at all" * 20, "audio/mpeg")
    response = client.post(
        edit_url(application),
        {**form_data(application, "my words stay"), f"media-{question}": fake, "action": "save"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Question 1: The recording must be an MP3" in body  # which answer it belongs to
    assert "my words stay" in body
    # A recording is offered first, then a link.
    assert body.index(f'name="media-{question}"') < body.index(f'name="link-{question}"')
    assert services.current_attempt(application).answers.get(question_id=question).text == (
        "my words stay"
    )


def test_check_page_names_each_missing_thing(client: Client, application: Application) -> None:
    client.force_login(application.learner)
    client.post(edit_url(application), {**form_data(application, "too short"), "action": "save"})
    body = client.get(
        reverse("applications:check", kwargs={"public_id": application.public_id})
    ).content.decode()
    assert "Question 1 needs 20 words; it has 2." in body
    assert "You need the “Getting started” badge" in body
    assert "Submit application" not in body


def test_check_page_shows_privacy_findings_even_when_answers_are_too_short(
    client: Client, application: Application
) -> None:
    Issuer.objects.filter(pk=application.badge.issuer_id).update(
        privacy_policy=Issuer.PrivacyPolicy.DECLINE
    )
    client.force_login(application.learner)
    client.post(
        edit_url(application),
        {**form_data(application, "Jamie's mum rang me."), "action": "save"},
    )
    body = client.get(
        reverse("applications:check", kwargs={"public_id": application.public_id})
    ).content.decode()
    assert "needs 20 words" in body  # too short, and…
    assert 'id="privacy-warning"' in body  # …what would be declined is said now, not later
    assert "“Jamie”" in body


def test_each_problem_on_the_check_page_links_to_its_place_on_the_evidence_form(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    client.post(edit_url(application), {**form_data(application, "too short"), "action": "save"})
    body = client.get(
        reverse("applications:check", kwargs={"public_id": application.public_id})
    ).content.decode()
    summary = body.split('class="ds_error-summary"', 1)[1].split("</div>", 1)[0]
    assert "Your statement needs at least 40 words in all; it has 4." in body
    targets = re.findall(r'<a href="([^"#]*)#([^"]+)">([^<]+)</a>', summary)
    assert len(targets) == 4  # the prerequisite, questions 1 and 2, the words in all
    pages: dict[str, str] = {}
    for url, anchor, message in targets:
        page = pages.setdefault(url, client.get(url).content.decode())
        assert f'id="{anchor}"' in page, f"“{message}” links to #{anchor}, not on {url}"


def test_submit_shows_queue_place_and_due_date(client: Client, application: Application) -> None:
    ready(application)
    earlier = factories.make_user()
    other = services.application_start(learner=earlier, badge=application.badge)
    ready(other)
    services.application_submit(application=other, actor=earlier, declaration=True, ai_used=False)
    client.force_login(application.learner)
    submit = reverse("applications:submit", kwargs={"public_id": application.public_id})
    data = {"declaration": "on", "ai_used": "no"}
    response = client.post(submit, data)
    again = client.post(submit, data)  # a double click
    assert response["Location"] == again["Location"] == application.get_absolute_url()
    body = client.get(application.get_absolute_url()).content.decode()
    application.refresh_from_db()
    assert "Application submitted" in body
    assert application.reference in body
    assert "2 – applications are assessed first come, first served" in body
    assert application.due_at is not None
    assert application.due_at.strftime("%-d %B %Y") in body


def test_submit_without_declaration_says_what_is_missing(
    client: Client, application: Application
) -> None:
    ready(application)
    client.force_login(application.learner)
    response = client.post(
        reverse("applications:submit", kwargs={"public_id": application.public_id}),
        {"ai_used": "yes", "ai_use": ""},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Confirm the declaration to submit." in body
    assert "Say how you used AI tools." in body


def test_auto_decline_is_never_one_click_away(client: Client, application: Application) -> None:
    """Under the issuer's "decline automatically" rule, Submit stops on a page that says what
    was found and what submitting means; only a ticked confirmation submits (and declines)."""
    Issuer.objects.filter(pk=application.badge.issuer_id).update(
        privacy_policy=Issuer.PrivacyPolicy.DECLINE
    )
    application.refresh_from_db()
    ready(application)
    fill(application, text=" ".join(["reflection"] * 25) + " Jamie's mum rang me.")
    client.force_login(application.learner)
    submit = reverse("applications:submit", kwargs={"public_id": application.public_id})
    stop = client.post(submit, {"declaration": "on", "ai_used": "no"})
    assert stop.status_code == 200
    body = stop.content.decode()
    assert "Submitting now means a decline" in body
    assert '<mark class="rosette-finding">Jamie</mark>' in body  # in its sentence
    assert "gets no feedback" in body
    assert f'href="{edit_url(application)}#privacy"' in body
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT

    unticked = client.post(submit, {"declaration": "on", "ai_used": "no", "confirming": "1"})
    body = unticked.content.decode()
    assert "Tick to confirm that you accept a decline" in body
    assert 'href="#id_accept_decline"' in body  # the error summary links to the box
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT

    client.post(
        submit,
        {"declaration": "on", "ai_used": "no", "confirming": "1", "accept_decline": "on"},
    )
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED


def test_an_empty_reason_for_a_finding_is_an_error_at_its_field(
    client: Client, application: Application
) -> None:
    fill(application, text=" ".join(["reflection"] * 25) + " Jamie's mum rang me.")
    client.force_login(application.learner)
    page = client.get(edit_url(application)).content.decode()
    hidden = re.search(r'(?s)<form id="(dismiss-[0-9]+-1)".*?</form>', page)
    assert hidden, "no form to explain the finding"
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', hidden.group(0)))
    response = client.post(
        reverse("applications:dismiss_finding", kwargs={"public_id": application.public_id}),
        {**fields, "reason": ""},
    )
    assert response.status_code == 200
    body = response.content.decode()
    slot = hidden.group(1)
    assert f'href="#{slot}-reason"' in body  # the error summary links to the field
    assert f'id="{slot}-reason-error"' in body  # and the message is at the field
    assert "Say why this does not identify anyone." in body
    assert body.startswith("<!DOCTYPE html>") and "<title>Error: " in body
    assert application.attempts.get().dismissals.count() == 0


def test_someone_elses_application_is_not_found(
    client: Client, application: Application, outsider: User
) -> None:
    client.force_login(outsider)
    for name in ("detail", "edit", "check", "withdraw"):
        url = reverse(f"applications:{name}", kwargs={"public_id": application.public_id})
        assert client.get(url).status_code == 404


def test_home_lists_applications_by_state(
    client: Client, application: Application, learner: User
) -> None:
    client.force_login(learner)
    body = client.get(reverse("home:home")).content.decode()
    assert "Drafts" in body
    assert "Video chats" in body


def test_home_query_count_does_not_grow_with_applications(
    client: Client, learner: User, issuer: object
) -> None:
    client.force_login(learner)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("home:home"))
        return len(ctx.captured_queries)

    services.application_start(learner=learner, badge=factories.make_badge())
    few = count()
    for _ in range(5):
        services.application_start(learner=learner, badge=factories.make_badge())
    assert count() == few


def test_attachments_download_only_for_their_owner(
    client: Client, application: Application, outsider: User
) -> None:
    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    attachment = services.attachment_add(
        application=application,
        actor=application.learner,
        title="Handout",
        upload=io.BytesIO(pdf),
    )
    url = reverse(
        "applications:attachment_download",
        kwargs={"public_id": application.public_id, "attachment_id": attachment.public_id},
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(application.learner)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == pdf  # type: ignore[attr-defined]
