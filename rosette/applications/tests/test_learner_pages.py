"""The learner's pages when something else happened first: another tab saved, the application
was submitted or withdrawn, a file belongs elsewhere. Each says plainly what happened, keeps
the words typed, and never changes what it should not."""

from __future__ import annotations

import html
import io
import re
import wave

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from rosette.accounts.models import User
from rosette.applications import services, workflow
from rosette.applications.models import Application, Attachment, DraftSnapshot
from rosette.applications.tests.conftest import ready
from rosette.catalogue import services as catalogue
from tests import factories, hostile

from .test_stash import SAVED, _opened
from .test_views import edit_url, form_data

pytestmark = pytest.mark.django_db


def _url(name: str, application: Application, **kwargs: object) -> str:
    return reverse(f"applications:{name}", kwargs={"public_id": application.public_id, **kwargs})


def _texts(application: Application) -> set[str]:
    answers = services.current_attempt(application).answers.exclude(question=None)
    return {answer.text for answer in answers}


def _save_elsewhere(application: Application, text: str) -> None:
    """Another tab (or device) saves different words first."""
    attempt = services.current_attempt(application)
    services.draft_save(
        application=application,
        actor=application.learner,
        based_on_revision=attempt.revision,
        draft=services.DraftInput(
            texts={a.question_id: text for a in attempt.answers.exclude(question=None)},
            links={},
            transcripts={},
            intended_actions="",
        ),
    )


def _submit(application: Application) -> None:
    ready(application)
    services.application_submit(
        application=application, actor=application.learner, declaration=True, ai_used=False
    )


def _body(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


# --- saving ------------------------------------------------------------------------------------


def test_saving_a_page_another_tab_saved_since_opens_the_merge_page(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    stale = form_data(application, "from the page opened first")
    _save_elsewhere(application, "from the other tab")
    response = client.post(edit_url(application), {**stale, "action": "save"})
    assert "/conflict/" in response["Location"]
    page = _body(client.get(response["Location"]))
    assert "from the page opened first" in page and "from the other tab" in page
    assert _texts(application) == {"from the other tab"}  # nothing overwritten unseen


def test_save_and_check_saves_then_opens_the_check_page(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    response = client.post(
        edit_url(application), {**form_data(application, "ready to check"), "action": "check"}
    )
    assert response["Location"] == _url("check", application)
    assert _texts(application) == {"ready to check"}


def test_text_kept_while_signed_out_meets_a_newer_save_on_the_merge_page(
    client: Client, application: Application
) -> None:
    data = _opened(client, application)
    response = client.post(edit_url(application), data)
    assert response.status_code == 302  # sent to sign in; the words are kept meanwhile
    _save_elsewhere(application, "saved on another device meanwhile")
    client.force_login(application.learner)
    back = client.get(edit_url(application))
    assert "/conflict/" in back["Location"]
    page = _body(client.get(back["Location"]))
    assert "written while my session expired" in page
    assert "saved on another device meanwhile" in page
    assert SAVED not in page


def test_an_autosave_of_the_submitted_words_says_the_application_is_closed(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    _submit(application)
    attempt = services.current_attempt(application)
    same = {"revision": str(attempt.revision)}
    for answer in attempt.answers.exclude(question=None):
        same[f"text-{answer.question_id}"] = answer.text
    response = client.post(_url("autosave", application), same, HTTP_HX_REQUEST="true")
    assert "This application is submitted and can no longer be changed." in _body(response)
    assert not DraftSnapshot.objects.exists()


def test_a_late_save_the_form_cannot_read_changes_nothing(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    _submit(application)
    before = _texts(application)
    data = form_data(application, "no revision with it")
    del data["revision"]
    response = client.post(edit_url(application), data)
    assert response["Location"] == application.get_absolute_url()
    assert _texts(application) == before
    assert not DraftSnapshot.objects.exists()


# --- the merge page ----------------------------------------------------------------------------


def _conflict(client: Client, application: Application) -> str:
    """A merge page: this tab's save met another tab's newer one."""
    stale = form_data(application, "from this tab")
    _save_elsewhere(application, "from the other tab")
    location: str = client.post(edit_url(application), {**stale, "action": "save"})["Location"]
    assert "/conflict/" in location
    return location


def test_a_merge_page_already_settled_goes_back_to_the_form(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    merge = _conflict(client, application)
    client.post(merge, {})  # keep the saved text
    again = client.get(merge)  # the back button, or a second tab
    assert again["Location"] == edit_url(application)
    assert client.post(merge, {})["Location"] == edit_url(application)
    assert _texts(application) == {"from the other tab"}


def test_merging_after_the_application_was_submitted_says_so_and_changes_nothing(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    merge = _conflict(client, application)
    _submit(application)
    submitted = _texts(application)
    response = client.post(merge, {"text-whole": "mine"}, follow=True)
    assert "This application is submitted and can no longer be changed." in _body(response)
    assert response.redirect_chain[-1][0] == application.get_absolute_url()
    assert _texts(application) == submitted


# --- after submission --------------------------------------------------------------------------


def test_a_submitted_application_opens_on_its_page_not_the_forms(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    _submit(application)
    for name in ("edit", "check"):
        assert client.get(_url(name, application))["Location"] == application.get_absolute_url()


def test_submitting_evidence_not_yet_enough_shows_what_is_missing(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    response = client.post(_url("submit", application), {"declaration": "on", "ai_used": "no"})
    assert response.status_code == 200
    body = _body(response)
    assert "Answer question 1." in body
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_submitting_a_withdrawn_application_is_refused_plainly(
    client: Client, application: Application
) -> None:
    ready(application)
    services.application_withdraw(application=application, actor=application.learner)
    client.force_login(application.learner)
    response = client.post(
        _url("submit", application), {"declaration": "on", "ai_used": "no"}, follow=True
    )
    assert "withdrawn" in _body(response)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN


def test_withdrawing_twice_says_it_is_already_withdrawn(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    withdraw = _url("withdraw", application)
    first = client.post(withdraw, follow=True)
    assert first.redirect_chain[-1][0] == reverse("home:home")
    assert "Your application is withdrawn." in _body(first)
    response = client.post(withdraw, follow=True)  # a second tab
    assert response.redirect_chain[-1][0] == application.get_absolute_url()
    assert "This application is withdrawn, so it cannot be withdrawn." in _body(response)


# --- privacy findings --------------------------------------------------------------------------


def test_explaining_a_privacy_finding_from_the_form_lets_the_application_go(
    client: Client, application: Application
) -> None:
    ready(application)
    _save_elsewhere(application, " ".join(["reflection"] * 25) + " We rang 07700 900123.")
    client.force_login(application.learner)
    page = client.get(edit_url(application)).content.decode()
    forms = re.findall(r'<form id="dismiss-[^"]+"[^>]*>(.*?)</form>', page, re.S)
    assert forms, "each finding has a form to explain it"
    for form in forms:
        fields = dict(re.findall(r'name="(question|key|label|text)" value="([^"]*)"', form))
        data = {name: html.unescape(value) for name, value in fields.items()}
        response = client.post(
            _url("dismiss_finding", application),
            {**data, "reason": "The service's public helpline"},
            follow=True,
        )
        assert "Noted: the assessor will see your reason." in _body(response)
    client.post(_url("submit", application), {"declaration": "on", "ai_used": "no"})
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_a_finding_for_a_question_that_is_no_number_is_not_found(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    for question in ("first", "1" * 40):  # a word, or a number no database column holds
        response = client.post(
            _url("dismiss_finding", application),
            {"question": question, "key": "k", "label": "phone", "text": "x", "reason": "why"},
        )
        assert response.status_code == 404
    assert not services.current_attempt(application).dismissals.exists()


# --- files -------------------------------------------------------------------------------------


def _attachment(application: Application) -> Attachment:
    return services.attachment_add(
        application=application,
        actor=application.learner,
        title="Handout",
        upload=io.BytesIO(hostile.pdf()),
    )


def test_a_file_asked_for_under_another_application_is_not_found(
    client: Client, application: Application
) -> None:
    attachment = _attachment(application)
    other = services.application_start(
        learner=application.learner, badge=factories.make_badge(issuer=application.badge.issuer)
    )
    client.force_login(application.learner)
    kwargs = {"attachment_id": attachment.public_id}
    assert client.get(_url("attachment_download", other, **kwargs)).status_code == 404
    assert client.post(_url("attachment_remove", other, **kwargs)).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_removing_a_file_after_submission_is_refused_and_the_file_stays(
    client: Client, application: Application
) -> None:
    attachment = _attachment(application)
    _submit(application)
    client.force_login(application.learner)
    url = _url("attachment_remove", application, attachment_id=attachment.public_id)
    response = client.post(url, follow=True)
    assert "This application is submitted and can no longer be changed." in _body(response)
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_removing_a_recording_after_submission_is_refused(
    client: Client, application: Application
) -> None:
    _submit(application)
    client.force_login(application.learner)
    response = client.post(_url("media_remove", application, question="whole"), follow=True)
    assert "This application is submitted and can no longer be changed." in _body(response)


def test_a_recording_address_that_names_no_question_is_not_found(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    for question in ("first", "1" * 40):
        response = client.post(_url("media_remove", application, question=question))
        assert response.status_code == 404


def test_a_finding_for_a_question_of_another_badge_is_refused_and_nothing_is_kept(
    client: Client, application: Application
) -> None:
    other = factories.make_badge(questions=[("Elsewhere?", 5)])
    foreign = other.versions.get().questions.get()
    client.force_login(application.learner)
    for question in (str(foreign.pk), "999999"):
        response = client.post(
            _url("dismiss_finding", application),
            {"question": question, "key": "k", "label": "phone", "text": "x", "reason": "why"},
            follow=True,
        )
        assert "That question is not part of this badge." in _body(response)
    assert not services.current_attempt(application).dismissals.exists()


# --- more of what is kept, and what is asked ------------------------------------------------------


def test_a_stale_tab_saving_after_withdrawal_keeps_the_text_and_says_withdrawn(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    stale = form_data(application, "typed in a tab left open")
    services.application_withdraw(application=application, actor=application.learner)
    response = client.post(edit_url(application), {**stale, "action": "save"}, follow=True)
    assert "Your application was withdrawn before these changes were saved" in _body(response)
    snapshot = DraftSnapshot.objects.get()
    assert "typed in a tab left open" in snapshot.data["texts"].values()


def test_a_late_save_that_changed_only_a_link_is_kept(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    _submit(application)
    attempt = services.current_attempt(application)
    same = {"revision": str(attempt.revision), "link-whole": "https://example.org/my-post"}
    for answer in attempt.answers.exclude(question=None):
        same[f"text-{answer.question_id}"] = answer.text
    response = client.post(edit_url(application), {**same, "action": "save"}, follow=True)
    assert "Nothing is lost" in _body(response)
    assert "https://example.org/my-post" in DraftSnapshot.objects.get().data["links"].values()
    page = _body(client.get(application.get_absolute_url()))
    kept = page.split('id="kept"')[-1]  # the message promised it on the application's page
    assert "Link for your whole statement" in kept and "https://example.org/my-post" in kept


def test_a_late_save_that_changed_only_a_transcript_is_kept(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    _submit(application)
    attempt = services.current_attempt(application)
    same = {"revision": str(attempt.revision), "transcript-whole": "What I said, typed."}
    for answer in attempt.answers.exclude(question=None):
        same[f"text-{answer.question_id}"] = answer.text
    client.post(edit_url(application), {**same, "action": "save"})
    assert "What I said, typed." in DraftSnapshot.objects.get().data["transcripts"].values()
    kept = _body(client.get(application.get_absolute_url())).split('id="kept"')[-1]
    assert "Transcript for your whole statement" in kept and "What I said, typed." in kept


def test_kept_text_shows_only_what_differs_and_the_intended_actions(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    _submit(application)
    attempt = services.current_attempt(application)
    first, second = attempt.answers.exclude(question=None).order_by("question__position")
    late = {
        "revision": str(attempt.revision),
        f"text-{first.question_id}": first.text,  # unchanged: not shown again
        f"text-{second.question_id}": "A second answer, rethought.",
        "intended_actions": "Ask the team about waiting rooms.",
    }
    client.post(edit_url(application), {**late, "action": "save"})
    kept = _body(client.get(application.get_absolute_url())).split('id="kept"')[-1]
    kept = kept.split("Your evidence")[0]
    assert "Question 2" in kept and "A second answer, rethought." in kept
    assert "Question 1" not in kept
    assert "What you will do differently" in kept
    assert "Ask the team about waiting rooms." in kept


def test_a_pathway_badge_is_not_applied_for(client: Client, application: Application) -> None:
    pathway = factories.make_badge(
        issuer=application.badge.issuer, components=[application.badge], name="The whole path"
    )
    client.force_login(application.learner)
    response = client.post(
        reverse("applications:start", kwargs={"slug": pathway.slug}), follow=True
    )
    assert "This badge is awarded automatically: you do not apply for it." in _body(response)
    assert not Application.objects.filter(badge=pathway).exists()


def _wav() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 8000)
    return SimpleUploadedFile("talk.wav", buffer.getvalue())


def test_a_recording_without_a_transcript_is_asked_for_one_before_submitting(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    ready(application)
    data = form_data(application, " ".join(["reflection"] * 25))
    response = client.post(edit_url(application), {**data, "media-whole": _wav(), "action": "save"})
    assert response.status_code == 302
    stored = services.current_attempt(application).answers.get(question=None)
    assert stored.media_type == "audio/x-wav" and stored.media_seconds == 1
    check = _body(client.get(_url("check", application)))
    assert "Add a transcript of your recording, so people who cannot hear it can read it." in check


def test_a_link_that_is_not_a_web_address_is_refused_and_the_words_kept(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    data = {**form_data(application, "my words stay"), "link-whole": "ftp://example.org/post"}
    response = client.post(edit_url(application), {**data, "action": "save"})
    assert response.status_code == 200
    assert "Enter a web address starting with https://" in _body(response)
    assert "my words stay" in _body(response)
    assert services.current_attempt(application).answers.get(question=None).link == ""


def test_the_workflow_lets_only_the_learner_withdraw(application: Application) -> None:
    assessor = factories.make_staff(application.badge.issuer)
    refused = pytest.raises(PermissionError, match="You cannot withdraw this application")
    with refused, transaction.atomic():
        workflow.transition(application, action="withdraw", actor=assessor)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_a_badge_that_takes_written_answers_only_offers_no_link_or_recording(
    client: Client, learner: User
) -> None:
    badge = factories.make_badge(questions=[("What did you learn?", 5)], publish=False)
    version = badge.versions.get()
    catalogue.badge_version_edit(version=version, actor=None, allow_link=False, allow_media=False)
    catalogue.badge_version_publish(version=version, actor=None)
    application = services.application_start(learner=learner, badge=badge)
    client.force_login(application.learner)
    page = client.get(edit_url(application)).content.decode()
    assert 'name="link-' not in page and 'name="media-' not in page
    data = {
        **form_data(application, "written, as asked"),
        "link-whole": "https://example.org/ignored",
        "transcript-whole": "ignored",
        "action": "save",
    }
    client.post(edit_url(application), data)
    whole = services.current_attempt(application).answers.get(question=None)
    assert (whole.link, whole.transcript) == ("", "")
    assert _texts(application) == {"written, as asked"}


def test_a_late_save_with_a_mistyped_link_keeps_the_words_and_names_the_link(
    client: Client, application: Application
) -> None:
    client.force_login(application.learner)
    stale = form_data(application, "typed in a tab left open")
    _submit(application)
    response = client.post(
        edit_url(application),
        {**stale, "link-whole": "ftp://example.org/post", "action": "save"},
        follow=True,
    )
    body = _body(response)
    assert "Nothing is lost" in body
    assert "Enter a web address starting with https://" in body
    assert "typed in a tab left open" in body.split('id="kept"')[-1]
