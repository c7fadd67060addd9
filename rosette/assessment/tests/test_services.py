from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from rosette.accounts.models import User
from rosette.applications import services as applications
from rosette.applications.models import Application
from rosette.applications.workflow import TransitionError
from rosette.assessment import selectors, services
from rosette.assessment.models import Claim, Decision, DeclineReason, Moderation, Rubric
from rosette.awards.models import Award
from rosette.catalogue.models import Badge, Issuer
from rosette.core.models import AuditEvent
from rosette.credentials.models import AwardCredential
from tests import factories

from .conftest import feedback_for, scores_for, submit

pytestmark = pytest.mark.django_db


def test_assess_next_takes_the_oldest_application_nobody_holds(
    assessor: User,
    second_assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    newer = make_submitted(days=1)
    oldest = make_submitted(days=5)
    middle = make_submitted(days=3)
    assert services.claim_next(issuer=issuer, assessor=assessor) == oldest
    assert services.claim_next(issuer=issuer, assessor=second_assessor) == middle
    assert newer not in (oldest, middle)


def test_an_assessor_holds_one_application_and_gets_it_back(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    first = make_submitted(days=2)
    make_submitted(days=1)
    assert services.claim_next(issuer=issuer, assessor=assessor) == first
    assert services.claim_next(issuer=issuer, assessor=assessor) == first
    assert Claim.objects.count() == 1


def test_an_empty_queue_gives_nothing(assessor: User, issuer: Issuer) -> None:
    assert services.claim_next(issuer=issuer, assessor=assessor) is None


def test_a_lapsed_claim_returns_the_application_to_its_original_place(
    assessor: User,
    second_assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    oldest = make_submitted(days=5)
    make_submitted(days=1)
    services.claim_next(issuer=issuer, assessor=assessor)
    later = timezone.now() + timedelta(minutes=services.settings_for(issuer).claim_minutes + 1)
    assert services.claim_next(issuer=issuer, assessor=second_assessor, now=later) == oldest
    assert Claim.objects.get(application=oldest).assessor == second_assessor


def test_a_released_application_keeps_its_place(
    assessor: User,
    second_assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    oldest = make_submitted(days=5)
    make_submitted(days=1)
    services.claim_next(issuer=issuer, assessor=assessor)
    services.claim_release(application=oldest, actor=assessor)
    assert services.claim_next(issuer=issuer, assessor=second_assessor) == oldest
    with pytest.raises(services.ClaimLost):
        services.claim_release(application=oldest, actor=assessor)


def test_nobody_is_given_their_own_application(
    assessor: User, issuer: Issuer, badge: Badge
) -> None:
    submit(assessor, badge)
    assert services.claim_next(issuer=issuer, assessor=assessor) is None


def test_an_outsider_cannot_take_from_the_queue(
    outsider: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    make_submitted()
    with pytest.raises(PermissionError):
        services.claim_next(issuer=issuer, assessor=outsider)


def test_a_default_rubric_is_made_when_none_exists(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    assert not Rubric.objects.exists()
    rubric = services.rubric_ensure(version=application.version)
    assert rubric.pass_mark == 2 and rubric.every_question_met
    bands = [
        [(b.label, b.score) for b in qr.bands.all()] for qr in services.question_rubrics(rubric)
    ]
    assert bands == [[("Not met", 0), ("Met", 1), ("Strong", 2)]] * 2
    assert services.rubric_ensure(version=application.version) == rubric


def test_the_pass_mark_needs_every_question_met(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    rubric = services.rubric_ensure(version=application.version)
    qrs = services.question_rubrics(rubric)
    first, second = (qr.question_id for qr in qrs)
    assert services.score(rubric, qrs, {first: 2, second: 0}).passed is False
    assert services.score(rubric, qrs, {first: 1, second: 1}).passed is True
    assert services.score(rubric, qrs, {first: 2}).complete is False


def test_award_creates_the_award_and_emails_the_learner(
    assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
    django_capture_on_commit_callbacks: Any,
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.decision_record(
            application=application,
            actor=assessor,
            outcome="award",
            scores=scores_for(application, 1),
            feedback={},
        )
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED
    assert application.decided_at == decision.created_at
    award = Award.objects.get(recipient=application.learner, badge=application.badge)
    assert AwardCredential.objects.filter(award=award).exists()  # issued after commit
    assert decision.passed and decision.total == 2
    assert not Claim.objects.exists()
    assert [m.to for m in mail.outbox] == [[application.learner.email]]
    assert "awarded" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(action="assessment:decision:award").exists()
    assert AuditEvent.objects.filter(action="applications:application:award").exists()


def test_award_below_the_pass_mark_is_refused_and_nothing_changes(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    with pytest.raises(services.DecisionRefused) as refused:
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="award",
            scores=scores_for(application, 0),
            feedback={},
        )
    assert [p.field for p in refused.value.problems] == ["outcome"]
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert not Award.objects.exists() and not Decision.objects.exists()


def test_return_needs_feedback_on_every_question(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    with pytest.raises(services.DecisionRefused) as refused:
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="return",
            scores=scores_for(application, 0),
            feedback={},
        )
    assert {p.field.split("-")[0] for p in refused.value.problems} == {"feedback"}
    assert len(refused.value.problems) == 2


def test_a_returned_application_resubmits_to_the_back_of_the_queue_with_a_new_due_date(
    assessor: User,
    second_assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
    django_capture_on_commit_callbacks: Any,
) -> None:
    application = make_submitted(days=10)
    waiting = make_submitted(days=2)
    services.claim_next(issuer=issuer, assessor=assessor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="return",
            scores=scores_for(application, 0),
            feedback=feedback_for(application, "Give an example from your practice."),
        )
    application.refresh_from_db()
    assert application.status == Application.Status.RETURNED
    assert application.attempts.count() == 2
    assert "more evidence" in mail.outbox[0].subject
    first = application.attempts.get(number=1)
    decision, rows = selectors.attempt_feedback(attempt=first)
    assert decision is not None
    assert [text for _q, text in rows] == ["Give an example from your practice."] * 2

    applications.application_submit(
        application=application, actor=application.learner, declaration=True, ai_used=False
    )
    application.refresh_from_db()
    assert application.due_at is not None and application.due_at > timezone.now() + timedelta(
        days=27
    )
    assert services.claim_next(issuer=issuer, assessor=second_assessor) == waiting
    services.claim_release(application=waiting, actor=second_assessor)
    page = selectors.queue_page(issuer=issuer)
    assert [row.application for row in page.object_list] == [waiting, application]


def test_decline_needs_a_reason_and_keeps_no_feedback(
    assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
    django_capture_on_commit_callbacks: Any,
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    with pytest.raises(services.DecisionRefused):
        services.decision_record(
            application=application, actor=assessor, outcome="decline", scores={}, feedback={}
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.decision_record(
            application=application,
            actor=assessor,
            outcome="decline",
            scores={},
            feedback=feedback_for(application, "This should never reach the learner."),
            reason="not_own_work",
        )
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert application.decline_reason == "not_own_work"
    assert decision.feedback == {} and decision.reason is not None
    assert selectors.attempt_feedback(attempt=decision.attempt) == (None, [])
    assert "not successful" in mail.outbox[0].subject
    assert "This should never" not in mail.outbox[0].body


def test_the_issuer_has_default_decline_reasons(issuer: Issuer) -> None:
    labels = [r.label for r in services.decline_reasons_ensure(issuer=issuer)]
    assert "Identifies individuals" in labels
    assert "Not the learner's own work" in labels
    assert "Does not meet the criteria" in labels
    services.decline_reasons_ensure(issuer=issuer)
    assert DeclineReason.objects.filter(issuer=issuer).count() == len(labels)


def test_only_the_claim_holder_can_decide(
    assessor: User,
    second_assessor: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    with pytest.raises(services.ClaimLost):
        services.decision_record(
            application=application,
            actor=second_assessor,
            outcome="award",
            scores=scores_for(application, 1),
            feedback={},
        )


def test_a_second_decision_on_the_same_application_is_told_it_lost(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    services.decision_record(
        application=application,
        actor=assessor,
        outcome="award",
        scores=scores_for(application, 1),
        feedback={},
    )
    with pytest.raises(services.AlreadyDecided, match="already awarded"):
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="decline",
            scores={},
            feedback={},
            reason="not_own_work",
        )
    assert Decision.objects.count() == 1


def test_withdrawn_before_the_decision_means_no_decision(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    applications.application_withdraw(application=application, actor=application.learner)
    with pytest.raises(services.AlreadyDecided, match="withdrawn"):
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="award",
            scores=scores_for(application, 1),
            feedback={},
        )
    assert not Award.objects.exists() and not Decision.objects.exists()


def test_decided_before_the_learner_withdraws_means_no_withdrawal(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    services.decision_record(
        application=application,
        actor=assessor,
        outcome="award",
        scores=scores_for(application, 1),
        feedback={},
    )
    with pytest.raises(TransitionError):
        applications.application_withdraw(application=application, actor=application.learner)


def test_decisions_are_append_only(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    decision = services.decision_record(
        application=application,
        actor=assessor,
        outcome="award",
        scores=scores_for(application, 1),
        feedback={},
    )
    with pytest.raises(ValueError, match="append-only"):
        decision.save()
    with pytest.raises(ValueError, match="append-only"):
        decision.delete()


def test_admins_reassign_held_applications_but_cannot_take_from_the_middle(
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    held = make_submitted(days=3)
    unheld = make_submitted(days=1)
    services.claim_next(issuer=issuer, assessor=assessor)
    services.claim_reassign(application=held, assessor=second_assessor, actor=issuer_admin)
    assert Claim.objects.get(application=held).assessor == second_assessor
    with pytest.raises(services.AssessmentError, match="never changed"):
        services.claim_reassign(application=unheld, assessor=assessor, actor=issuer_admin)
    with pytest.raises(PermissionError):
        services.claim_reassign(application=held, assessor=assessor, actor=assessor)


def test_moderation_sampling_is_deterministic_and_near_the_share(issuer: Issuer) -> None:
    class Fake:
        def __init__(self, n: int) -> None:
            import uuid

            self.public_id = uuid.UUID(int=n * 7919)

    picks = [
        services.is_sampled(application=Fake(n), attempt_number=1, percent=10)  # type: ignore[arg-type]
        for n in range(2000)
    ]
    assert 150 <= sum(picks) <= 250
    assert picks == [
        services.is_sampled(application=Fake(n), attempt_number=1, percent=10)  # type: ignore[arg-type]
        for n in range(2000)
    ]
    assert not any(
        services.is_sampled(application=Fake(n), attempt_number=1, percent=0)  # type: ignore[arg-type]
        for n in range(200)
    )


def test_a_sampled_decision_is_moderated_by_another_assessor(
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
) -> None:
    services.assessment_settings_update(
        issuer=issuer, actor=issuer_admin, claim_minutes=240, moderation_percent=100,
        reminder_days_left=7,
    )  # fmt: skip
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    decision = services.decision_record(
        application=application,
        actor=assessor,
        outcome="award",
        scores=scores_for(application, 1),
        feedback={},
    )
    moderation = Moderation.objects.get(decision=decision)
    assert selectors.moderation_queue(user=assessor) == []
    assert selectors.moderation_queue(user=second_assessor) == [moderation]
    with pytest.raises(PermissionError):
        services.moderation_record(moderation=moderation, actor=assessor, outcome="agree", note="")
    with pytest.raises(services.DecisionRefused):
        services.moderation_record(
            moderation=moderation, actor=second_assessor, outcome="disagree", note=""
        )
    services.moderation_record(
        moderation=moderation,
        actor=second_assessor,
        outcome="disagree",
        note="Question 2 does not show the learning.",
    )
    levels = selectors.service_levels(issuer=issuer)
    assert [m.note for m in levels.disagreements] == ["Question 2 does not show the learning."]
    assert selectors.moderation_queue(user=second_assessor) == []


def test_service_levels_count_the_queue_and_project_from_recent_decisions(
    assessor: User, issuer: Issuer, make_submitted: Callable[..., Application]
) -> None:
    make_submitted(days=30)
    make_submitted(days=25)
    for _ in range(3):
        make_submitted(days=1)
    empty = selectors.service_levels(issuer=issuer)
    assert empty.stats.waiting == 5 and empty.stats.overdue == 1 and empty.stats.approaching == 1
    assert empty.stats.oldest_days == 30
    assert empty.projected is None
    for _ in range(2):
        application = services.claim_next(issuer=issuer, assessor=assessor)
        assert application is not None
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="award",
            scores=scores_for(application, 1),
            feedback={},
        )
    levels = selectors.service_levels(issuer=issuer)
    assert levels.decided == 2 and levels.on_time == 1
    assert levels.days[-1].count == 2 and levels.days[-1].height == 100
    assert levels.rate_per_day == pytest.approx(2 / 28)
    # Three waiting, a new one is fourth: 4 / (2/28) = 56 days at this pace.
    assert levels.projected == timezone.localdate() + timedelta(days=56)
    last = Application.objects.waiting().last()
    assert last is not None
    assert selectors.projected_decision_date(application=last) == timezone.localdate() + timedelta(
        days=42
    )


def test_sla_reminders_go_once_per_application_and_threshold(
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
    django_capture_on_commit_callbacks: Any,
) -> None:
    late = make_submitted(days=29)
    soon = make_submitted(days=24)
    make_submitted(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sla_reminders_send() == 2
    assert [m.to for m in mail.outbox] == [[issuer_admin.email]]
    body = mail.outbox[0].body
    assert late.reference in body and soon.reference in body
    assert services.sla_reminders_send() == 0
    later = timezone.now() + timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sla_reminders_send(now=later) == 1  # "soon" is now past its due date
    assert len(mail.outbox) == 2


def test_the_management_command_runs_the_reminder_task(
    issuer_admin: User,
    issuer: Issuer,
    make_submitted: Callable[..., Application],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core.management import call_command

    make_submitted(days=29)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_sla_reminders")
    assert len(mail.outbox) == 1


def test_another_issuers_assessor_cannot_see_the_application(
    assessor: User, make_submitted: Callable[..., Application]
) -> None:
    from django.http import Http404

    application = make_submitted()
    other = factories.make_staff(factories.make_issuer())
    with pytest.raises(Http404):
        selectors.application_for_assessor(user=other, public_id=application.public_id)
