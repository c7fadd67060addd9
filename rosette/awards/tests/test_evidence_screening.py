"""The award page's evidence is screened again before it is published (C3)."""

from __future__ import annotations

import pytest

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.awards.forms import AwardSettingsForm
from rosette.awards.services import award_create
from tests import factories

pytestmark = pytest.mark.django_db


def _application_saying(learner: User, text: str) -> applications.Application:
    badge = factories.make_badge(questions=[("What did you learn?", 5)])
    application = applications.application_start(learner=learner, badge=badge)
    attempt = applications.current_attempt(application)
    question = attempt.answers.exclude(question=None).get().question_id
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={question: text}, links={}, transcripts={}, intended_actions=""
        ),
    )
    return application


def test_evidence_that_could_identify_someone_starts_hidden(learner: User) -> None:
    application = _application_saying(learner, "I practised the call with Mrs McDonald.")
    award = award_create(
        recipient=learner, badge=application.badge, actor=None, application=application
    )
    [evidence] = award.evidence.all()
    assert evidence.visible is False
    form = AwardSettingsForm(evidence=[evidence])
    assert "could identify someone: “Mrs McDonald”" in str(form["shown"])


def test_findings_the_learner_explained_do_not_hide_evidence(learner: User) -> None:
    application = _application_saying(learner, "Callers can ring our helpline on 0131 496 0000.")
    attempt = applications.current_attempt(application)
    for check in applications.answer_checks(attempt):
        for finding in check.findings:
            applications.privacy_finding_dismiss(
                application=application,
                actor=learner,
                question_id=check.answer.question_id,
                key=finding.key,
                label=finding.label,
                text=finding.text,
                reason="The service's public helpline",
            )
    award = award_create(
        recipient=learner, badge=application.badge, actor=None, application=application
    )
    assert [e.visible for e in award.evidence.all()] == [True]


def test_evidence_too_long_to_screen_starts_hidden(learner: User) -> None:
    application = _application_saying(learner, "Plain words.")
    # Saved before answers were capped at 50,000 characters: longer than the screener takes.
    applications.current_attempt(application).answers.exclude(question=None).update(
        text="plain words " * 10_000
    )
    award = award_create(
        recipient=learner, badge=application.badge, actor=None, application=application
    )
    [evidence] = award.evidence.all()
    assert evidence.visible is False
    form = AwardSettingsForm(evidence=[evidence])
    assert "could identify someone: “plain words" in str(form["shown"])
