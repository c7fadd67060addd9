"""The learner's journey is whole in Gaelic; other pages say once, in Gaelic, that they are not.

See docs/TRANSLATION.md. The catalogue compiled from locale/gd/LC_MESSAGES/django.po is the one
the site uses (bin/setup and bin/test run compilemessages).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import get_resolver
from django.utils import translation

from rosette.applications.services import (
    DraftInput,
    application_start,
    current_attempt,
    draft_save,
)
from rosette.assessment.services import (
    claim_next,
    decision_record,
    question_rubrics,
    rubric_ensure,
)
from rosette.core.i18n import LEARNER_JOURNEY, TRANSLATED_PAGES
from tests.factories import give_badge, make_badge, make_issuer, make_staff, make_user
from tests.po import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "gd" / "LC_MESSAGES" / "django.po"

NOTICE_GD = "Chan eil an duilleag seo ri fhaighinn sa Ghàidhlig fhathast"
NOTICE_EN = "This page is not yet available in Gaelic"

# Every source a page of the learner's journey (rosette.core.i18n.LEARNER_JOURNEY) shows words
# from: its templates and what they include, its forms, and the emails a learner receives.
LEARNER_JOURNEY_SOURCES = {
    "config/settings/base.py",
    "templates/base.html",
    "templates/400.html",
    "templates/403.html",
    "templates/404.html",
    "templates/500.html",
    "templates/account/login.html",
    "templates/account/signup.html",
    "templates/account/password_reset.html",
    "templates/account/email/base_message.txt",
    "templates/account/email/email_confirmation_message.txt",
    "templates/account/email/email_confirmation_subject.txt",
    "templates/account/email/password_reset_key_message.txt",
    "templates/account/email/password_reset_key_subject.txt",
    "templates/account/email/unknown_account_message.txt",
    "templates/account/email/unknown_account_subject.txt",
    "templates/account/email/account_already_exists_message.txt",
    "templates/account/email/account_already_exists_subject.txt",
    "templates/allauth/layouts/base.html",
    "rosette/accounts/forms.py",
    "rosette/accounts/allauth_forms.py",
    "rosette/core/templates/ds/site_navigation.html",
    "rosette/core/templates/ds/components/notification_banner.html",
    "rosette/core/templates/ds/forms/field.html",
    "rosette/home/templates/home/landing.html",
    "rosette/home/templates/home/home.html",
    "rosette/home/templates/home/_home_applications.html",
    "rosette/catalogue/templates/catalogue/badge_list.html",
    "rosette/catalogue/templates/catalogue/badge_detail.html",
    "rosette/catalogue/templates/catalogue/_badge_image.html",
    "rosette/applications/templates/applications/_attempt_feedback.html",
    "rosette/applications/templates/applications/_feedback.html",
    "rosette/applications/templates/applications/_question.html",
    "rosette/applications/templates/applications/_review_comments.html",
    "rosette/applications/templates/applications/_save_status.html",
    "rosette/applications/templates/applications/check.html",
    "rosette/applications/templates/applications/decline_warning.html",
    "rosette/applications/templates/applications/detail.html",
    "rosette/applications/templates/applications/edit.html",
    "rosette/applications/templates/applications/withdraw.html",
    "rosette/applications/templates/applications/review/_question_comments.html",
    "rosette/applications/templates/email/application_submitted.txt",
    "rosette/applications/templates/email/application_declined_privacy.txt",
    "rosette/assessment/templates/email/assessment_award.txt",
    "rosette/assessment/templates/email/assessment_decline.txt",
    "rosette/assessment/templates/email/assessment_return.txt",
    "rosette/toolkits/templates/toolkits/_privacy.html",
    "rosette/awards/templates/awards/award_detail.html",
    "rosette/awards/templates/awards/mine.html",
    "rosette/awards/templates/awards/_downloads.html",
    "rosette/awards/templates/awards/_progress.html",
    "rosette/awards/templates/awards/_badge_progress.html",
    "rosette/awards/templates/awards/_home_badges.html",
    "rosette/awards/templates/awards/_evidence_label.html",
    "rosette/awards/templates/awards/email/pathway_awarded.txt",
    # What the journey's views, forms and services say (labels, errors, messages, statuses)
    "rosette/accounts/models.py",
    "rosette/accounts/services.py",
    "rosette/applications/forms.py",
    "rosette/applications/models.py",
    "rosette/applications/screening.py",
    "rosette/applications/services.py",
    "rosette/applications/views.py",
    "rosette/awards/views.py",
    "rosette/awards/models.py",
    "rosette/home/selectors.py",
    "rosette/core/templatetags/ds.py",
}


def test_every_learner_journey_source_exists() -> None:
    missing = sorted(source for source in LEARNER_JOURNEY_SOURCES if not (ROOT / source).exists())
    assert not missing


def test_every_string_of_the_learner_journey_has_a_gaelic_translation_that_is_not_fuzzy() -> None:
    entries = read_po(PO)
    journey = [each for each in entries if LEARNER_JOURNEY_SOURCES & set(each.references)]
    assert len(journey) > 300
    untranslated = [each.msgid for each in journey if not each.translated]
    assert not untranslated, f"{len(untranslated)} not translated (or fuzzy):\n" + "\n".join(
        untranslated
    )


def test_no_entry_in_the_gaelic_catalogue_is_fuzzy() -> None:
    fuzzy = [each.msgid for each in read_po(PO) if "fuzzy" in each.flags]
    assert not fuzzy, "\n".join(fuzzy)


def test_translations_keep_their_placeholders_and_tags() -> None:
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|\{\w+\}|</?[a-z]+")
    wrong = [
        each.msgid
        for each in read_po(PO)
        if each.translated
        and not each.msgid_plural
        and sorted(placeholder.findall(each.msgid)) != sorted(placeholder.findall(each.msgstr[0]))
    ]
    assert not wrong, "\n".join(wrong)


def test_the_learner_journey_names_views_that_exist() -> None:
    names = set()

    def walk(resolver: object, prefix: str) -> None:
        for pattern in resolver.url_patterns:  # type: ignore[attr-defined]
            if hasattr(pattern, "url_patterns"):
                ns = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                walk(pattern, ns)
            elif pattern.name:
                names.add(prefix + pattern.name)

    walk(get_resolver(), "")
    assert not LEARNER_JOURNEY - names, sorted(LEARNER_JOURNEY - names)
    assert TRANSLATED_PAGES["gd"] == LEARNER_JOURNEY


@pytest.mark.django_db
def test_a_translated_page_in_gaelic_has_no_english_sentences_and_no_notice(
    client: Client,
) -> None:
    body = client.get("/badges/", HTTP_ACCEPT_LANGUAGE="gd").content.decode()
    assert '<html lang="gd"' in body
    for english in (
        "View all badges",
        "New to Open Badges?",
        "Filter by issuer, category or pathway",
        "Skip to main content",
        "This is a new service",
        "Give feedback",
    ):
        assert english not in body
    assert "Seall gach bràiste" in body
    assert NOTICE_GD not in body


@pytest.mark.django_db
def test_the_beta_banner_says_its_sentence_once_in_gaelic(client: Client) -> None:
    body = client.get("/badges/", HTTP_ACCEPT_LANGUAGE="gd").content.decode()
    banner = body.split('class="ds_phase-banner__text"', 1)[1].split("</span>", 1)[0]
    assert banner.count("seirbheis ùr") == 1
    assert 'href="/feedback/"' in banner


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/verify/", "/accessibility/"])
def test_a_page_not_yet_translated_is_in_english_with_one_notice_in_gaelic(
    client: Client, url: str
) -> None:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="gd")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en-gb"' in body
    assert response["Content-Language"] == "en-gb"
    assert body.count(NOTICE_GD) == 1
    assert NOTICE_EN not in body
    notice = body.split("rosette-untranslated", 1)[1].split(">", 1)[0]
    assert 'lang="gd"' in notice
    # The whole page is in English, its frame too: no sentence mixes the two.
    assert "Skip to main content" in body
    assert "Leum gu prìomh shusbaint" not in body
    # The language switch still shows the reader's choice.
    assert re.search(r'<option value="gd" lang="gd" selected>', body)


@pytest.mark.django_db
def test_a_page_not_yet_translated_shows_no_notice_in_english(client: Client) -> None:
    body = client.get("/verify/", HTTP_ACCEPT_LANGUAGE="en-gb").content.decode()
    assert NOTICE_GD not in body
    assert NOTICE_EN not in body


def _english_sentences_in(body: str) -> list[str]:
    """Every English sentence of our catalogue (three words or more, no placeholder) that the
    page shows: on a page whole in Gaelic there is none."""
    shown = html.unescape(re.sub(r"(?s)<script.*?</script>|<[^>]+>", " ", body))
    shown = " ".join(shown.split())
    return [
        each.msgid
        for each in read_po(PO)
        if len(each.msgid.split()) >= 3
        and "%(" not in each.msgid
        and "<" not in each.msgid
        and " ".join(each.msgid.split()) in shown
    ]


@pytest.mark.django_db
def test_the_learner_journey_in_gaelic_shows_no_english_sentence_of_ours(client: Client) -> None:
    badge = make_badge(name="Video chats")
    pages = [
        "/",
        "/badges/",
        f"/badges/{badge.slug}/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ]
    found = {
        url: _english_sentences_in(client.get(url, HTTP_ACCEPT_LANGUAGE="gd").content.decode())
        for url in pages
    }
    learner = make_user()
    client.force_login(learner)
    application = application_start(learner=learner, badge=badge)
    award = give_badge(learner, make_badge(name="Passwords"))
    for url in [
        award.get_absolute_url(),
        "/home/",
        f"/badges/{badge.slug}/",
        f"/applications/{application.public_id}/edit/",
        f"/applications/{application.public_id}/check/",
        f"/applications/{application.public_id}/",
        f"/applications/{application.public_id}/withdraw/",
        "/awards/",
        "/accounts/logout/",
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="gd")
        assert response.status_code == 200, url
        found[url] = _english_sentences_in(response.content.decode())
    assert not any(found.values()), {url: each for url, each in found.items() if each}
    badge_page = client.get(f"/badges/{badge.slug}/", HTTP_ACCEPT_LANGUAGE="gd").content.decode()
    assert "Tha mi a’ tuigsinn gun tèid an fhianais agam" in html.unescape(badge_page)


@pytest.mark.django_db
def test_a_learner_who_submits_in_gaelic_is_told_by_email_in_gaelic(
    client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    badge = make_badge(questions=[("What did you learn?", 5)])
    learner = make_user()
    application = application_start(learner=learner, badge=badge)
    attempt = current_attempt(application)
    question = attempt.answers.exclude(question=None).get().question_id
    assert question is not None
    draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=DraftInput(
            texts={question: "I learned to keep video calls safe and private."},
            links={},
            transcripts={},
            intended_actions="",
        ),
    )
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/applications/{application.public_id}/submit/",
            {"declaration": "on", "ai_used": "no"},
            HTTP_ACCEPT_LANGUAGE="gd",
        )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert "Fhuair sinn an tagradh agad airson" in message.subject
    assert "Fhuair sinn an tagradh agad airson na bràiste" in message.body
    assert "We have your application" not in message.body
    assert "Applications are assessed" not in message.body


@pytest.mark.django_db
def test_a_decision_made_in_english_reaches_a_gaelic_learner_in_gaelic(
    client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    """The assessor works in English; the learner who submitted in Gaelic reads the decision,
    its subject and its body, in Gaelic (the language is kept on their account)."""
    issuer = make_issuer()
    badge = make_badge(issuer=issuer, questions=[("What did you learn?", 5)])
    learner = make_user()
    application = application_start(learner=learner, badge=badge)
    attempt = current_attempt(application)
    question = attempt.answers.exclude(question=None).get().question_id
    assert question is not None
    draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=DraftInput(
            texts={question: "I learned to keep video calls safe and private."},
            links={},
            transcripts={},
            intended_actions="",
        ),
    )
    client.force_login(learner)
    client.post(
        f"/applications/{application.public_id}/submit/",
        {"declaration": "on", "ai_used": "no"},
        HTTP_ACCEPT_LANGUAGE="gd",
    )
    assessor = make_staff(issuer)
    assert claim_next(issuer=issuer, assessor=assessor) is not None
    rubric = rubric_ensure(version=application.version)
    scores = {qr.question_id: 0 for qr in question_rubrics(rubric)}
    mail.outbox.clear()
    with translation.override("en-gb"), django_capture_on_commit_callbacks(execute=True):
        decision_record(
            application=application, actor=assessor, outcome="return", scores=scores,
            feedback={str(q): "Give an example from your practice." for q in scores},
        )  # fmt: skip
    [message] = mail.outbox
    assert "Tha feum air barrachd fianais" in message.subject
    assert "Dh’iarr am measadair barrachd fianais" in message.body
    assert "needs more evidence" not in message.subject
    assert "The assessor has asked" not in message.body


@pytest.mark.django_db
def test_a_password_reset_asked_for_in_gaelic_is_emailed_in_gaelic(
    client: Client, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    learner = make_user(email="morag@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password/reset/", {"email": learner.email}, HTTP_ACCEPT_LANGUAGE="gd"
        )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == [learner.email]
    assert "Ath-shuidhich am facal-faire agad" in message.subject
    assert "Gus facal-faire ùr a thaghadh, tadhail air:" in message.body
    assert "Halò o Rosette," in message.body
    assert "password" not in message.body.replace("/password/", "")
