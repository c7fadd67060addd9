from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from rosette.accounts.models import User
from rosette.applications import services
from rosette.applications.models import Application, Attempt, DraftSnapshot
from rosette.applications.tests.conftest import fill, ready
from rosette.applications.workflow import TransitionError
from rosette.catalogue.models import Badge, Issuer
from rosette.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def submit(application: Application, **kwargs: object) -> Application:
    return services.application_submit(
        application=application,
        actor=application.learner,
        declaration=True,
        ai_used=False,
        **kwargs,  # type: ignore[arg-type]
    )


def test_starting_twice_returns_the_same_open_application(learner: User, badge: Badge) -> None:
    first = services.application_start(learner=learner, badge=badge)
    second = services.application_start(learner=learner, badge=badge)
    assert first == second
    assert first.version == badge.versions.get()


def test_the_database_allows_one_open_application_per_badge(
    application: Application,
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            learner=application.learner, badge=application.badge, version=application.version
        )


def test_the_application_keeps_the_version_it_started_under(
    application: Application, badge: Badge
) -> None:
    from rosette.catalogue import services as catalogue

    newer = catalogue.badge_version_create(
        badge=badge,
        actor=None,
        description="New",
        criteria="- new",
        questions=[catalogue.QuestionSpec("A new question", 500)],
    )
    catalogue.badge_version_publish(version=newer, actor=None)
    application.refresh_from_db()
    assert application.version.number == 1
    ready(application)
    assert submit(application).status == Application.Status.SUBMITTED


def test_refusals_name_the_question_and_what_is_missing(application: Application) -> None:
    fill(application, words=5)
    problems = services.submission_problems(application=application)
    messages = [p.message for p in problems]
    assert "You need the “Getting started” badge before you can apply for this one." in messages
    assert "Question 1 needs 20 words; it has 5." in messages
    assert "Your statement needs at least 40 words in all; it has 10." in messages
    with pytest.raises(services.SubmissionRefused):
        submit(application)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_submission_needs_the_declaration_and_the_ai_statement(application: Application) -> None:
    ready(application)
    with pytest.raises(services.SubmissionRefused) as refused:
        services.application_submit(
            application=application, actor=application.learner, declaration=False, ai_used=None
        )
    fields = {p.field for p in refused.value.problems}
    assert {"declaration", "ai_used"} <= fields
    with pytest.raises(services.SubmissionRefused) as refused:
        services.application_submit(
            application=application, actor=application.learner, declaration=True, ai_used=True
        )
    assert [p.field for p in refused.value.problems] == ["ai_use"]


def test_submitting_sets_the_due_date_and_stores_the_declaration(
    application: Application, django_capture_on_commit_callbacks: object
) -> None:
    ready(application)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        submitted = submit(application, ai_use="")
    assert submitted.status == Application.Status.SUBMITTED
    assert submitted.due_at and submitted.submitted_at
    assert submitted.due_at - submitted.submitted_at == timedelta(days=28)
    attempt = services.current_attempt(submitted)
    assert "written or recorded by me" in attempt.declaration_text
    assert attempt.declaration_version == services.DECLARATION_VERSION
    assert attempt.ai_used is False
    assert mail.outbox[-1].to == [application.learner.email]
    assert application.reference in mail.outbox[-1].body
    assert AuditEvent.objects.filter(action="applications:application:submit").exists()


def test_submitting_twice_submits_once(application: Application) -> None:
    ready(application)
    first = submit(application)
    second = submit(application)
    assert first.submitted_at == second.submitted_at
    assert AuditEvent.objects.filter(action="applications:application:submit").count() == 1


def test_a_save_from_an_older_revision_is_kept_not_applied(application: Application) -> None:
    attempt = services.current_attempt(application)
    question = _first_question(attempt)
    services.draft_save(
        application=application,
        actor=application.learner,
        based_on_revision=0,
        draft=services.DraftInput(
            texts={question: "written in tab one"}, links={}, transcripts={}, intended_actions=""
        ),
    )
    with pytest.raises(services.DraftConflict) as conflict:
        services.draft_save(
            application=application,
            actor=application.learner,
            based_on_revision=0,
            draft=services.DraftInput(
                texts={question: "written in tab two"},
                links={},
                transcripts={},
                intended_actions="",
            ),
        )
    attempt.refresh_from_db()
    assert attempt.answers.get(question_id=question).text == "written in tab one"
    snapshot = conflict.value.snapshot
    assert snapshot.data["texts"][str(question)] == "written in tab two"
    services.snapshot_resolve(
        snapshot=snapshot, actor=application.learner, choices={f"text-{question}": "both"}
    )
    merged = attempt.answers.get(question_id=question).text
    assert merged == "written in tab one\n\nwritten in tab two"
    assert DraftSnapshot.objects.get().resolved_at is not None


def test_a_failed_save_loses_nothing_already_saved(
    application: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(application, text="the words I saved")
    attempt = services.current_attempt(application)
    revision = attempt.revision

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("the database went away half-way through the save")

    # Fault injection: the answers are written, then saving the attempt fails.
    monkeypatch.setattr(Attempt, "save", fail)
    question = _first_question(attempt)
    with pytest.raises(OSError):
        services.draft_save(
            application=application,
            actor=application.learner,
            based_on_revision=revision,
            draft=services.DraftInput(
                texts={question: "half-saved words"}, links={}, transcripts={}, intended_actions=""
            ),
        )
    monkeypatch.undo()
    attempt.refresh_from_db()
    assert attempt.revision == revision
    assert {a.text for a in attempt.answers.exclude(question=None)} == {"the words I saved"}


def test_only_the_learner_changes_their_application(
    application: Application, outsider: User
) -> None:
    with pytest.raises(PermissionError):
        services.draft_save(
            application=application,
            actor=outsider,
            based_on_revision=0,
            draft=services.DraftInput(texts={}, links={}, transcripts={}, intended_actions=""),
        )


def test_withdrawn_application_cannot_be_submitted(application: Application) -> None:
    ready(application)
    services.application_withdraw(application=application, actor=application.learner)
    with pytest.raises(TransitionError, match="withdrawn"):
        submit(application)


def test_block_policy_refuses_evidence_that_names_someone(
    application: Application, issuer: Issuer
) -> None:
    ready(application)
    fill(application, text=" ".join(["reflection"] * 25) + " I spoke to Mrs McDonald about it.")
    with pytest.raises(services.SubmissionRefused) as refused:
        submit(application)
    assert any("Mrs McDonald" in p.message for p in refused.value.problems)


def test_a_dismissed_finding_no_longer_blocks_and_is_kept_for_the_assessor(
    application: Application,
) -> None:
    ready(application)
    fill(application, text=" ".join(["reflection"] * 25) + " We used Signal on 07700 900123.")
    attempt = services.current_attempt(application)
    for check in services.answer_checks(attempt):
        for finding in check.findings:
            services.privacy_finding_dismiss(
                application=application,
                actor=application.learner,
                question_id=check.answer.question_id,
                key=finding.key,
                label=finding.label,
                text=finding.text,
                reason="It is the service's public helpline",
            )
    assert submit(application).status == Application.Status.SUBMITTED
    assert attempt.dismissals.count() == 2


def test_decline_policy_declines_automatically_and_says_so(
    application: Application, issuer: Issuer, django_capture_on_commit_callbacks: object
) -> None:
    Issuer.objects.filter(pk=issuer.pk).update(privacy_policy=Issuer.PrivacyPolicy.DECLINE)
    application.refresh_from_db()
    ready(application)
    fill(application, text=" ".join(["reflection"] * 25) + " Jamie's mum rang me.")
    with pytest.raises(services.DeclineNotConfirmed) as stop:
        submit(application)
    assert {f.text for c in stop.value.checks for f in c.findings} == {"Jamie"}
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT  # nothing happened
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        result = submit(application, accept_decline=True)
    assert result.status == Application.Status.DECLINED
    assert result.decline_reason == services.IDENTIFIES_INDIVIDUALS
    assert "could identify a person" in mail.outbox[-1].body
    again = services.application_start(learner=application.learner, badge=application.badge)
    assert again != application


def test_media_evidence_is_sniffed_from_the_bytes(application: Application) -> None:
    disguised = io.BytesIO(b"<?php system($_GET['x']); ?>" * 10)
    with pytest.raises(Exception, match="must be an MP3"):
        services.answer_media_attach(
            application=application,
            actor=application.learner,
            question_id=None,
            upload=disguised,
        )


def test_attachments_must_be_real_documents(application: Application) -> None:
    with pytest.raises(Exception, match="must be a PDF"):
        services.attachment_add(
            application=application,
            actor=application.learner,
            title="Handout",
            upload=io.BytesIO(b"MZ\x90\x00 an executable pretending"),
        )
    truncated = io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\n")
    with pytest.raises(Exception, match="damaged"):
        services.attachment_add(
            application=application, actor=application.learner, title="Handout", upload=truncated
        )
    good = io.BytesIO(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    attachment = services.attachment_add(
        application=application, actor=application.learner, title="Handout", upload=good
    )
    assert attachment.content_type == "application/pdf"
    assert attachment.file.name.endswith(".pdf")


def test_a_returned_application_is_revised_into_a_new_attempt(application: Application) -> None:
    ready(application)
    submit(application)
    from rosette.applications import workflow

    assessor = factories.make_staff(application.badge.issuer)
    workflow.transition(application, action="return", actor=assessor)
    second = services.attempt_open_next(application=application)
    assert second.number == 2
    first = application.attempts.get(number=1)
    texts = {a.question_id: a.text for a in second.answers.all()}
    assert texts == {a.question_id: a.text for a in first.answers.all()}
    assert any(texts.values())


def _first_question(attempt: Attempt) -> int:
    answer = attempt.answers.exclude(question=None).order_by("question__position").first()
    assert answer is not None and answer.question_id is not None
    return answer.question_id
