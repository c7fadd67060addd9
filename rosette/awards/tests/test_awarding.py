"""Awarding: evidence copied as submitted, credentials, follow-ups, and pathway badges (C8)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from rosette.accounts.models import User
from rosette.awards import selectors, services
from rosette.awards.models import Award, Evidence
from rosette.catalogue.models import Badge, Issuer
from rosette.core.models import AuditEvent
from tests import factories

from .conftest import award_for_application

pytestmark = pytest.mark.django_db


def test_an_award_keeps_its_application_and_the_evidence_as_submitted(
    learner: User, badge: Badge, assessor: User
) -> None:
    award = award_for_application(learner, badge, assessor, link="https://blog.example.org/me")
    assert award.application is not None
    assert award.application.version.badge == badge
    items = list(award.evidence.select_related("answer__question"))
    answers = [i.answer for i in items if i.answer is not None]
    assert [a.question.position if a.question else None for a in answers] == [
        1,
        2,
        None,
    ]
    assert answers[-1].link == "https://blog.example.org/me"
    assert all(i.visible and i.withdrawn_at is None for i in items)


def test_awarding_issues_the_credential_after_commit(
    learner: User, badge: Badge, django_capture_on_commit_callbacks: Any
) -> None:
    from rosette.credentials.models import AwardCredential

    with django_capture_on_commit_callbacks(execute=True):
        award = services.award_create(recipient=learner, badge=badge, actor=None)
    assert AwardCredential.objects.filter(award=award).exists()


def test_a_badge_is_held_once(learner: User, badge: Badge) -> None:
    services.award_create(recipient=learner, badge=badge, actor=None)
    with pytest.raises(services.AwardError):
        services.award_create(recipient=learner, badge=badge, actor=None)
    assert Award.objects.filter(recipient=learner, badge=badge).count() == 1


def test_follow_ups_are_created_once_when_the_draft_was_reviewed(
    learner: User, manager: User, badge: Badge, assessor: User
) -> None:
    from rosette.applications import review
    from rosette.applications import services as applications
    from rosette.applications.models import FollowUp
    from rosette.assessment import services as assessment

    application = applications.application_start(learner=learner, badge=badge)
    attempt = applications.current_attempt(application)
    applications.draft_save(
        application=application,
        actor=learner,
        based_on_revision=attempt.revision,
        draft=applications.DraftInput(
            texts={a.question_id: "I learned about waiting rooms, passcodes and why they matter."
                   for a in attempt.answers.all() if a.question_id},
            links={}, transcripts={}, intended_actions="Share the checklist with my team.",
        ),
    )  # fmt: skip
    shared = review.review_invite(application=application, actor=learner, email=manager.email)
    review.review_accept(review=shared, actor=manager)
    applications.application_submit(
        application=application, actor=learner, declaration=True, ai_used=False
    )
    claimed = assessment.claim_next(issuer=badge.issuer, assessor=assessor)
    rubric = assessment.rubric_ensure(version=application.version)
    assert claimed is not None
    assessment.decision_record(
        application=claimed, actor=assessor, outcome="award", feedback={},
        scores={qr.question_id: 1 for qr in assessment.question_rubrics(rubric)},
    )  # fmt: skip
    # award_create made it; the decision calling the hook again added nothing.
    assert FollowUp.objects.filter(review=shared).count() == 1


def test_the_eighth_component_awards_the_pathway_badge_with_its_evidence(
    learner: User, pathway: tuple[Badge, list[Badge]], django_capture_on_commit_callbacks: Any
) -> None:
    oss, components = pathway
    for component in components[:7]:
        services.award_create(recipient=learner, badge=component, actor=None)
    assert not Award.objects.filter(recipient=learner, badge=oss).exists()
    [progress] = selectors.pathway_progress(user=learner)
    assert (progress.held_count, progress.required) == (7, 8)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        last = services.award_create(recipient=learner, badge=components[7], actor=None)
    meta = Award.objects.get(recipient=learner, badge=oss)
    contributions = [e.contribution for e in meta.evidence.order_by("position")]
    assert set(contributions) == set(Award.objects.filter(badge__in=components))
    assert last in contributions
    assert meta.application is None
    assert any("Online safety and security" in m.subject for m in mail.outbox)
    assert selectors.pathway_progress(user=learner) == []  # complete: no longer "towards"
    assert AuditEvent.objects.filter(action="awards:award:create", subject_id=str(meta.pk)).exists()


def test_an_n_of_rule_awards_at_n_and_only_once(learner: User, issuer: Issuer) -> None:
    components = [factories.make_badge(issuer=issuer) for _ in range(4)]
    meta = factories.make_badge(issuer=issuer, components=components, components_required=2)
    services.award_create(recipient=learner, badge=components[0], actor=None)
    assert not Award.objects.filter(badge=meta).exists()
    services.award_create(recipient=learner, badge=components[1], actor=None)
    services.award_create(recipient=learner, badge=components[2], actor=None)
    assert Award.objects.filter(recipient=learner, badge=meta).count() == 1
    assert Evidence.objects.filter(award__badge=meta).count() == 2


def test_a_revoked_component_does_not_count(
    learner: User, issuer: Issuer, issuer_admin: User
) -> None:
    components = [factories.make_badge(issuer=issuer) for _ in range(2)]
    meta = factories.make_badge(issuer=issuer, components=components)
    first = services.award_create(recipient=learner, badge=components[0], actor=None)
    services.award_status_change(award=first, actor=issuer_admin, action="revoke", reason="Copied")
    services.award_create(recipient=learner, badge=components[1], actor=None)
    assert not Award.objects.filter(badge=meta).exists()


def test_a_pathway_can_count_towards_another(learner: User, issuer: Issuer) -> None:
    inner_parts = [factories.make_badge(issuer=issuer) for _ in range(2)]
    inner = factories.make_badge(issuer=issuer, components=inner_parts)
    outer = factories.make_badge(issuer=issuer, components=[inner])
    for part in inner_parts:
        services.award_create(recipient=learner, badge=part, actor=None)
    assert Award.objects.filter(recipient=learner, badge=outer).count() == 1
