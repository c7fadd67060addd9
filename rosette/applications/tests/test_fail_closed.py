"""Applications fail closed: text over the limit is refused, never cut short, and text the
privacy screener could not check is never treated as clear (issue 12, finding 10)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rosette.applications import screening, services
from rosette.applications.models import Application, DraftSnapshot
from rosette.applications.tests.conftest import ready
from rosette.catalogue.models import Issuer
from rosette.privacy import MAX_CHARS

pytestmark = pytest.mark.django_db

LIMIT = services.MAX_ANSWER_CHARS


def _question(application: Application) -> int:
    answer = services.current_attempt(application).answers.exclude(question=None).first()
    assert answer is not None and answer.question_id is not None
    return answer.question_id


def _save(application: Application, text: str, revision: int | None = None) -> None:
    attempt = services.current_attempt(application)
    services.draft_save(
        application=application,
        actor=application.learner,
        based_on_revision=attempt.revision if revision is None else revision,
        draft=services.DraftInput(
            texts={_question(application): text}, links={}, transcripts={}, intended_actions=""
        ),
    )


def test_a_save_over_the_limit_is_refused_not_cut_short(application: Application) -> None:
    _save(application, "kept as it was")
    with pytest.raises(services.ApplicationError, match="50,000 characters"):
        _save(application, "w" * (LIMIT + 1))
    answer = services.current_attempt(application).answers.get(question_id=_question(application))
    assert answer.text == "kept as it was"


def test_keeping_both_texts_that_together_are_too_long_loses_nothing(
    client: Client, application: Application
) -> None:
    """Two tabs each hold 30,000 characters; "keep both" would make 60,000. The merge is
    refused with a message, the saved text and the other tab's text both stay."""
    client.force_login(application.learner)
    question = _question(application)
    first, second = "a" * 30_000, "b" * 30_000
    _save(application, first, revision=0)
    with pytest.raises(services.DraftConflict) as conflict:
        _save(application, second, revision=0)
    url = reverse(
        "applications:conflict",
        kwargs={
            "public_id": application.public_id,
            "snapshot_id": conflict.value.snapshot.public_id,
        },
    )
    response = client.post(url, {f"text-{question}": "both"}, follow=True)
    assert "would be longer than 50,000 characters" in response.content.decode()
    snapshot = DraftSnapshot.objects.get()
    assert snapshot.resolved_at is None
    assert services.DraftInput.from_data(snapshot.data).texts[question] == second
    answer = services.current_attempt(application).answers.get(question_id=question)
    assert answer.text == first


def test_text_the_screener_could_not_check_is_not_cleared() -> None:
    findings = screening.screen_text("word " * (MAX_CHARS // 5 + 1))
    assert [f.label for f in findings] == [screening.UNCHECKED]
    # A learner's "this does not identify anyone" does not clear what was never checked.
    key = findings[0].key
    assert screening.screen_text("word " * (MAX_CHARS // 5 + 1), dismissed_keys=frozenset({key}))


@pytest.mark.parametrize("policy", [Issuer.PrivacyPolicy.BLOCK, Issuer.PrivacyPolicy.DECLINE])
def test_an_answer_the_screener_could_not_check_stops_the_submission(
    application: Application, issuer: Issuer, policy: str
) -> None:
    """Whatever the issuer's policy: text nobody checked is neither let through nor declined
    as identifying someone; the learner is asked to shorten it."""
    Issuer.objects.filter(pk=issuer.pk).update(privacy_policy=policy)
    application.refresh_from_db()
    ready(application)
    checks = services.answer_checks(services.current_attempt(application))
    too_long = screening.screen_text("word " * (MAX_CHARS // 5 + 1))
    checks[0] = services.AnswerCheck(
        checks[0].answer, checks[0].words, checks[0].minimum, checks[0].met, too_long
    )
    problems = services.submission_problems(application=application, checks=checks)
    assert [p.message for p in problems] == [
        "Question 1 is too long to check for anything that could identify a person. Shorten it."
    ]
