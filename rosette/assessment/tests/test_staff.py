"""Suspending and removing staff, who moderates, and the people overview (ADR 0015)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytest_django import DjangoAssertNumQueries

from rosette.accounts import roles
from rosette.accounts.models import User
from rosette.applications.models import Application
from rosette.assessment import selectors, services
from rosette.assessment.models import AssessmentSettings, Claim, Moderation
from rosette.catalogue.models import Issuer, IssuerStaff
from rosette.core.models import AuditEvent
from tests import factories

from .conftest import scores_for

pytestmark = pytest.mark.django_db


def _role(user: User, issuer: Issuer) -> IssuerStaff:
    return IssuerStaff.objects.get(user=user, issuer=issuer)


def test_a_suspended_assessor_cannot_claim_and_their_claim_goes_back_to_the_queue(
    issuer: Issuer,
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
) -> None:
    held = make_submitted(days=3)
    make_submitted(days=1)
    assert services.claim_next(issuer=issuer, assessor=assessor) == held
    services.staff_suspend(staff=_role(assessor, issuer), actor=issuer_admin)
    assert not Claim.objects.filter(assessor=assessor).exists()
    assert not roles.is_assessor(assessor, issuer)
    with pytest.raises(PermissionError):
        services.claim_next(issuer=issuer, assessor=assessor)
    # The released application is next in line again, at its original place.
    assert services.claim_next(issuer=issuer, assessor=second_assessor) == held
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "assessment:staff:suspend" in actions
    assert "assessment:claim:release" in actions


def test_a_restored_assessor_can_claim_again(
    issuer: Issuer, assessor: User, issuer_admin: User, make_submitted: Callable[..., Application]
) -> None:
    application = make_submitted(days=1)
    services.staff_suspend(staff=_role(assessor, issuer), actor=issuer_admin)
    services.staff_restore(staff=_role(assessor, issuer), actor=issuer_admin)
    assert services.claim_next(issuer=issuer, assessor=assessor) == application


def test_a_removed_assessor_loses_the_role_and_their_claim(
    issuer: Issuer, assessor: User, issuer_admin: User, make_submitted: Callable[..., Application]
) -> None:
    make_submitted(days=1)
    services.claim_next(issuer=issuer, assessor=assessor)
    services.staff_remove(staff=_role(assessor, issuer), actor=issuer_admin)
    assert not IssuerStaff.objects.filter(user=assessor).exists()
    assert not Claim.objects.exists()
    assert AuditEvent.objects.filter(action="assessment:staff:remove").count() == 1


def test_only_an_admin_of_the_issuer_changes_staff_and_never_their_own_role(
    issuer: Issuer, assessor: User, issuer_admin: User
) -> None:
    other_admin = factories.make_staff(factories.make_issuer(), IssuerStaff.Role.ADMIN)
    for actor in (assessor, other_admin):
        with pytest.raises(PermissionError):
            services.staff_suspend(staff=_role(assessor, issuer), actor=actor)
    with pytest.raises(services.AssessmentError, match="your own role"):
        services.staff_suspend(staff=_role(issuer_admin, issuer), actor=issuer_admin)
    assert _role(assessor, issuer).suspended_at is None


def test_the_last_admin_cannot_be_suspended(issuer: Issuer, issuer_admin: User) -> None:
    second = factories.make_staff(issuer, IssuerStaff.Role.ADMIN)
    services.staff_suspend(staff=_role(second, issuer), actor=issuer_admin)
    services.staff_restore(staff=_role(second, issuer), actor=issuer_admin)
    services.staff_suspend(staff=_role(issuer_admin, issuer), actor=second)
    # The suspended admin is no longer an admin, so cannot act; a site admin can, but the
    # issuer would be left with no admin.
    superuser = factories.make_user()
    User.objects.filter(pk=superuser.pk).update(is_superuser=True)
    superuser.refresh_from_db()
    with pytest.raises(services.AssessmentError, match="at least one admin"):
        services.staff_suspend(staff=_role(second, issuer), actor=superuser)


def test_admins_only_moderation_keeps_assessors_out(
    issuer: Issuer,
    assessor: User,
    second_assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
) -> None:
    services.assessment_settings_update(
        issuer=issuer,
        actor=issuer_admin,
        claim_minutes=240,
        moderation_percent=100,
        reminder_days_left=7,
        moderated_by=AssessmentSettings.Moderators.ADMINS,
    )
    application = make_submitted(days=1)
    services.claim_next(issuer=issuer, assessor=assessor)
    services.decision_record(
        application=application,
        actor=assessor,
        outcome="award",
        scores=scores_for(application, 2),
        feedback={},
    )
    moderation = Moderation.objects.get()
    assert selectors.moderation_queue(user=second_assessor) == []
    assert selectors.moderation_queue(user=issuer_admin) == [moderation]
    with pytest.raises(PermissionError):
        services.moderation_record(
            moderation=moderation, actor=second_assessor, outcome="agree", note=""
        )
    services.moderation_record(moderation=moderation, actor=issuer_admin, outcome="agree", note="")


def test_the_people_overview_shows_mfa_claims_and_recent_decisions(
    issuer: Issuer,
    assessor: User,
    issuer_admin: User,
    make_submitted: Callable[..., Application],
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    application = make_submitted(days=2)
    make_submitted(days=1)
    services.claim_next(issuer=issuer, assessor=assessor)
    services.decision_record(
        application=application,
        actor=assessor,
        outcome="award",
        scores=scores_for(application, 2),
        feedback={},
    )
    services.claim_next(issuer=issuer, assessor=assessor)
    no_mfa = factories.make_user(email="nomfa@example.org")
    IssuerStaff.objects.create(issuer=issuer, user=no_mfa, role=IssuerStaff.Role.ASSESSOR)
    with django_assert_num_queries(1):
        rows = {row.staff.user.email: row for row in selectors.staff_overview(issuer=issuer)}
    assert rows[assessor.email].has_mfa and not rows["nomfa@example.org"].has_mfa
    assert rows[assessor.email].claims_held == 1
    assert rows[assessor.email].decisions_28_days == 1
    assert rows[issuer_admin.email].decisions_28_days == 0
