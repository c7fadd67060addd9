"""What assessors and admins are refused, and that a refusal changes nothing: settings only
an admin may change, a published rubric, reassigning to someone who cannot take it, scores
that are not on the rubric, moderation by the wrong person, staff changes asked twice."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rosette.accounts import roles
from rosette.accounts.models import User
from rosette.applications.models import Application
from rosette.assessment import services
from rosette.assessment.models import AssessmentSettings, Claim, Decision, Moderation, Rubric
from rosette.catalogue import services as catalogue
from rosette.catalogue.models import Badge, Issuer, IssuerStaff
from rosette.core.models import AuditEvent
from tests import factories

from .conftest import scores_for

pytestmark = pytest.mark.django_db


def _role(user: User, issuer: Issuer) -> IssuerStaff:
    return IssuerStaff.objects.get(user=user, issuer=issuer)


# --- settings and rubrics ----------------------------------------------------------------------


def test_only_an_admin_changes_the_settings_and_only_to_a_known_moderator(
    issuer: Issuer, assessor: User, issuer_admin: User
) -> None:
    with pytest.raises(PermissionError):
        services.assessment_settings_update(
            issuer=issuer, actor=assessor, claim_minutes=60, moderation_percent=50,
            reminder_days_left=3,
        )  # fmt: skip
    with pytest.raises(services.AssessmentError, match="Choose who moderates decisions"):
        services.assessment_settings_update(
            issuer=issuer, actor=issuer_admin, claim_minutes=60, moderation_percent=50,
            reminder_days_left=3, moderated_by="anyone",
        )  # fmt: skip
    assert not AssessmentSettings.objects.filter(issuer=issuer).exists()


def test_a_published_versions_rubric_never_changes(badge: Badge) -> None:
    version = badge.versions.get()
    rubric = services.rubric_ensure(version=version)
    with pytest.raises(services.AssessmentError, match="never changes"):
        services.rubric_set(
            version=version, actor=None, pass_mark=1, every_question_met=False, criteria={}
        )
    assert Rubric.objects.get(pk=rubric.pk).pass_mark == rubric.pass_mark


def test_criteria_given_for_one_question_leave_the_others_as_they_were(
    issuer: Issuer, issuer_admin: User
) -> None:
    badge = factories.make_badge(issuer=issuer, questions=[("One?", 5), ("Two?", 5)], publish=False)
    version = badge.versions.get()
    first, second = version.questions.order_by("position")
    services.rubric_set(
        version=version,
        actor=issuer_admin,
        pass_mark=2,
        every_question_met=True,
        criteria={first.id: "Names a setting.", second.id: "Says who can hear."},
    )
    services.rubric_set(
        version=version,
        actor=issuer_admin,
        pass_mark=2,
        every_question_met=True,
        criteria={first.id: "Names a setting and why."},
    )
    rubric = services.rubric_ensure(version=version)
    criteria = {qr.question_id: qr.criteria for qr in services.question_rubrics(rubric)}
    assert criteria == {first.id: "Names a setting and why.", second.id: "Says who can hear."}


# --- reassigning -------------------------------------------------------------------------------


def test_reassigning_is_refused_to_anyone_who_cannot_take_it(
    issuer: Issuer,
    assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
) -> None:
    learner = factories.make_user()
    application = make_submitted(learner)
    waiting = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    with pytest.raises(PermissionError):
        services.claim_reassign(application=application, assessor=assessor, actor=assessor)
    with pytest.raises(services.AssessmentError, match="not an assessor for this issuer"):
        services.claim_reassign(
            application=application, assessor=factories.make_user(), actor=issuer_admin
        )
    catalogue.issuer_staff_add(
        issuer=issuer, user=learner, role=IssuerStaff.Role.ASSESSOR, actor=issuer_admin
    )
    with pytest.raises(services.AssessmentError, match="Nobody can assess their own"):
        services.claim_reassign(application=application, assessor=learner, actor=issuer_admin)
    with pytest.raises(services.AssessmentError, match="order is never changed"):
        services.claim_reassign(application=waiting, assessor=assessor, actor=issuer_admin)
    assert Claim.objects.get().assessor == assessor
    assert Claim.objects.get().application == application


def test_reassigning_to_the_assessor_who_holds_it_changes_nothing(
    issuer: Issuer, assessor: User, issuer_admin: User, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    claim = Claim.objects.get()
    again = services.claim_reassign(application=application, assessor=assessor, actor=issuer_admin)
    assert again.claimed_at == claim.claimed_at
    assert not AuditEvent.objects.filter(action="assessment:claim:reassign").exists()


# --- deciding ----------------------------------------------------------------------------------


def test_a_score_not_on_the_rubric_or_no_decision_is_refused(
    issuer: Issuer, assessor: User, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    scores = scores_for(application, 1)
    first = next(iter(scores))
    with pytest.raises(services.DecisionRefused) as refused:
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="maybe",
            scores={**scores, first: 7},
            feedback={},
        )
    messages = {(p.field, p.message) for p in refused.value.problems}
    assert (f"score-{first}", "Choose one of the scores.") in messages
    assert ("outcome", "Choose a decision.") in messages
    assert not Decision.objects.exists()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_an_award_the_learner_already_holds_is_refused_and_nothing_is_decided(
    issuer: Issuer, assessor: User, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    factories.give_badge(application.learner, application.badge)  # awarded another way meanwhile
    with pytest.raises(services.AssessmentError, match="already holds this badge"):
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="award",
            scores=scores_for(application, 1),
            feedback={},
        )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert not Decision.objects.exists()


def test_moderation_is_for_the_issuers_admins_and_only_once(
    issuer: Issuer,
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
) -> None:
    services.assessment_settings_update(
        issuer=issuer, actor=issuer_admin, claim_minutes=240, moderation_percent=100,
        reminder_days_left=7, moderated_by=AssessmentSettings.Moderators.ADMINS,
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
    with pytest.raises(PermissionError, match="Only the issuer's admins"):
        services.moderation_record(
            moderation=moderation, actor=second_assessor, outcome="agree", note=""
        )
    with pytest.raises(services.DecisionRefused):
        services.moderation_record(
            moderation=moderation, actor=issuer_admin, outcome="shrug", note=""
        )
    services.moderation_record(moderation=moderation, actor=issuer_admin, outcome="agree", note="")
    with pytest.raises(services.AssessmentError, match="already been moderated"):
        services.moderation_record(
            moderation=moderation, actor=issuer_admin, outcome="disagree", note="On reflection."
        )
    assert Moderation.objects.get(pk=moderation.pk).outcome == "agree"


# --- staff -------------------------------------------------------------------------------------


def test_suspending_or_restoring_twice_records_it_once(
    issuer: Issuer, assessor: User, issuer_admin: User
) -> None:
    role = _role(assessor, issuer)
    first = services.staff_suspend(staff=role, actor=issuer_admin).suspended_at
    assert services.staff_suspend(staff=role, actor=issuer_admin).suspended_at == first
    services.staff_restore(staff=role, actor=issuer_admin)
    assert services.staff_restore(staff=role, actor=issuer_admin).suspended_at is None
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("assessment:staff:suspend") == 1
    assert actions.count("assessment:staff:restore") == 1


def test_the_last_admin_cannot_be_removed_even_by_a_site_admin(
    issuer: Issuer, issuer_admin: User
) -> None:
    superuser = factories.make_superuser()
    with pytest.raises(services.AssessmentError, match="at least one admin"):
        services.staff_remove(staff=_role(issuer_admin, issuer), actor=superuser)
    assert roles.is_issuer_admin(issuer_admin, issuer)


def test_a_person_with_another_role_keeps_their_claim_when_one_is_suspended_or_removed(
    issuer: Issuer,
    assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
) -> None:
    make_submitted()
    catalogue.issuer_staff_add(
        issuer=issuer, user=assessor, role=IssuerStaff.Role.ADMIN, actor=issuer_admin
    )
    services.claim_next(issuer=issuer, assessor=assessor)
    roles_of = IssuerStaff.objects.filter(issuer=issuer, user=assessor)
    services.staff_suspend(staff=roles_of.get(role=IssuerStaff.Role.ASSESSOR), actor=issuer_admin)
    assert Claim.objects.filter(assessor=assessor).exists()  # still an admin, who may assess
    services.staff_remove(staff=roles_of.get(role=IssuerStaff.Role.ASSESSOR), actor=issuer_admin)
    assert Claim.objects.filter(assessor=assessor).exists()


def test_an_award_with_a_question_unscored_names_the_question(
    issuer: Issuer, assessor: User, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted()
    services.claim_next(issuer=issuer, assessor=assessor)
    first, second = scores_for(application, 1)
    with pytest.raises(services.DecisionRefused) as refused:
        services.decision_record(
            application=application,
            actor=assessor,
            outcome="award",
            scores={first: 2},
            feedback={},
        )
    assert ("score-" + str(second), "Score question 2.") in {
        (p.field, p.message) for p in refused.value.problems
    }
    assert not Decision.objects.exists()


def test_a_decided_application_cannot_be_reassigned(
    issuer: Issuer,
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
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
    with pytest.raises(services.AlreadyDecided, match="no longer waiting for a decision"):
        services.claim_reassign(
            application=application, assessor=second_assessor, actor=issuer_admin
        )
    assert not Claim.objects.exists()
