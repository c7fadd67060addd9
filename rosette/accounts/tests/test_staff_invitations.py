"""Invitations to join an issuer's staff (ADR 0015)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.http import Http404

from rosette.accounts import roles, services
from rosette.accounts.models import StaffInvitation, User
from rosette.catalogue.models import Issuer, IssuerStaff
from rosette.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def _invite(issuer: Issuer, admin: User, email: str = "new@example.org") -> StaffInvitation:
    return services.staff_invite(
        issuer=issuer, actor=admin, email=email, role=IssuerStaff.Role.ASSESSOR
    )


def test_an_invitation_is_emailed_with_a_link_and_audited(
    issuer: Issuer, issuer_admin: User, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        invitation = _invite(issuer, issuer_admin, " New@Example.org ")
    assert invitation.email == "new@example.org"
    assert invitation.token not in invitation.token_hash  # type: ignore[attr-defined]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    assert services.staff_invitation_url(invitation.token) in mail.outbox[0].body  # type: ignore[attr-defined]
    event = AuditEvent.objects.for_subject(invitation).get()
    assert event.action == "accounts:staff_invitation:send"
    assert event.actor == issuer_admin


def test_only_an_admin_of_the_issuer_can_invite(issuer: Issuer, assessor: User) -> None:
    other_admin = factories.make_staff(factories.make_issuer(), IssuerStaff.Role.ADMIN)
    for actor in (assessor, other_admin):
        with pytest.raises(PermissionError):
            _invite(issuer, actor)
    assert not StaffInvitation.objects.exists()


def test_the_invited_person_accepts_with_their_verified_address_and_becomes_an_assessor(
    issuer: Issuer, issuer_admin: User
) -> None:
    invitation = _invite(issuer, issuer_admin)
    person = factories.make_user(email="new@example.org")
    assert not roles.is_assessor(person, issuer)
    found = services.staff_invitation_for_token(token=invitation.token)  # type: ignore[attr-defined]
    services.staff_invitation_accept(invitation=found, actor=person)
    assert roles.is_assessor(person, issuer)
    assert not roles.is_issuer_admin(person, issuer)
    assert roles.needs_mfa(person)
    with pytest.raises(Http404):  # a link works once
        services.staff_invitation_for_token(token=invitation.token)  # type: ignore[attr-defined]


def test_a_forwarded_link_is_no_use_to_someone_else(issuer: Issuer, issuer_admin: User) -> None:
    invitation = _invite(issuer, issuer_admin)
    stranger = factories.make_user(email="stranger@example.org")
    with pytest.raises(services.StaffInvitationError, match=r"n\*\*\*@example.org"):
        services.staff_invitation_accept(invitation=invitation, actor=stranger)
    assert not roles.is_assessor(stranger, issuer)


def test_an_unconfirmed_address_is_not_enough(issuer: Issuer, issuer_admin: User) -> None:
    invitation = _invite(issuer, issuer_admin)
    person = factories.make_user(email="person@example.org")
    EmailAddress.objects.create(user=person, email="new@example.org", verified=False)
    with pytest.raises(services.StaffInvitationError, match="Confirm that address"):
        services.staff_invitation_accept(invitation=invitation, actor=person)


def test_inviting_again_replaces_the_earlier_link(issuer: Issuer, issuer_admin: User) -> None:
    first = _invite(issuer, issuer_admin)
    second = _invite(issuer, issuer_admin)
    with pytest.raises(Http404):
        services.staff_invitation_for_token(token=first.token)  # type: ignore[attr-defined]
    assert services.staff_invitation_for_token(token=second.token) == second  # type: ignore[attr-defined]


def test_a_withdrawn_invitation_stops_working(issuer: Issuer, issuer_admin: User) -> None:
    invitation = _invite(issuer, issuer_admin)
    services.staff_invitation_revoke(invitation=invitation, actor=issuer_admin)
    with pytest.raises(Http404):
        services.staff_invitation_for_token(token=invitation.token)  # type: ignore[attr-defined]


def test_someone_who_already_has_the_role_is_not_invited_again(
    issuer: Issuer, issuer_admin: User, assessor: User
) -> None:
    with pytest.raises(services.StaffInvitationError, match="already has that role"):
        _invite(issuer, issuer_admin, assessor.email)
