"""Reads of teams: who belongs where, and who manages whom."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from rosette.core.people import Person
from rosette.teams.models import Invitation, JoinLink, Membership, Organisation

ACTIVE = Membership.Status.ACTIVE


def memberships_of(*, user: Person) -> list[Membership]:
    """A person's current memberships (invited or active), by organisation."""
    return list(
        Membership.objects.filter(user_id=user.pk, status__in=[Membership.Status.INVITED, ACTIVE])
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )


def employers_of(*, user: Person) -> list[Organisation]:
    """Organisations where the person is active staff (shown on their pages)."""
    return list(
        Organisation.objects.filter(
            memberships__user_id=user.pk,
            memberships__role=Membership.Role.STAFF,
            memberships__status=ACTIVE,
        ).distinct()
    )


def managers_at(*, organisation: Organisation) -> list[Any]:
    """The active managers of an organisation (their user rows)."""
    return [
        m.user
        for m in Membership.objects.filter(
            organisation=organisation, role=Membership.Role.MANAGER, status=ACTIVE
        ).select_related("user")
    ]


def invitations_for(*, emails: Iterable[str]) -> list[Invitation]:
    """Invitations waiting for an answer, sent to any of these (verified) addresses."""
    wanted = [e.lower() for e in emails]
    if not wanted:
        return []
    return list(
        Invitation.objects.filter(email__in=wanted, status=Invitation.Status.PENDING)
        .select_related("organisation")
        .order_by("-created_at")
    )


def invitation_for(*, public_id: Any, emails: Iterable[str]) -> Invitation:
    """A pending invitation to one of these addresses; 404 for anything else."""
    try:
        return Invitation.objects.select_related("organisation").get(
            public_id=public_id,
            email__in=[e.lower() for e in emails],
            status=Invitation.Status.PENDING,
        )
    except (Invitation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def membership_of(*, user: Person, public_id: Any) -> Membership:
    """One of the person's own current memberships; 404 for anyone else's."""
    try:
        return Membership.objects.select_related("organisation").get(
            public_id=public_id,
            user_id=user.pk,
            status__in=[Membership.Status.INVITED, ACTIVE],
        )
    except (Membership.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def organisations_administered_by(*, user: Person) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            memberships__user_id=user.pk,
            memberships__role=Membership.Role.ADMIN,
            memberships__status=ACTIVE,
        ).distinct()
    )


def organisation_for_admin(*, user: Person, slug: str) -> Organisation:
    """An organisation this person administers; 404 otherwise."""
    organisation = Organisation.objects.filter(
        slug=slug,
        memberships__user_id=user.pk,
        memberships__role=Membership.Role.ADMIN,
        memberships__status=ACTIVE,
    ).first()
    if organisation is None:
        raise Http404
    return organisation


def people_of(*, organisation: Organisation) -> list[Membership]:
    """Current memberships of an organisation, for its admin."""
    return list(
        organisation.memberships.filter(status__in=[Membership.Status.INVITED, ACTIVE])
        .select_related("user")
        .order_by("user__name", "role")
    )


def pending_invitations(*, organisation: Organisation) -> list[Invitation]:
    return list(organisation.invitations.filter(status=Invitation.Status.PENDING))


def usable_join_links(*, organisation: Organisation) -> list[JoinLink]:
    return [
        link for link in organisation.join_links.filter(revoked_at__isnull=True) if link.is_usable
    ]


def membership_in(*, organisation: Organisation, public_id: Any) -> Membership:
    try:
        return organisation.memberships.select_related("user").get(public_id=public_id)
    except (Membership.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def invitation_in(*, organisation: Organisation, public_id: Any) -> Invitation:
    try:
        return organisation.invitations.get(public_id=public_id)
    except (Invitation.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def join_link_in(*, organisation: Organisation, public_id: Any) -> JoinLink:
    try:
        return organisation.join_links.get(public_id=public_id)
    except (JoinLink.DoesNotExist, ValueError) as exc:
        raise Http404 from exc


def managed_staff_ids(*, manager: Person) -> QuerySet[Membership, Any]:
    """Ids (``user``) of the people who are active staff where this person is an active
    manager: the one definition of "my team"."""
    organisations = Membership.objects.filter(
        user_id=manager.pk, role=Membership.Role.MANAGER, status=ACTIVE
    ).values("organisation")
    return (
        Membership.objects.filter(
            organisation__in=organisations, role=Membership.Role.STAFF, status=ACTIVE
        )
        .exclude(user_id=manager.pk)
        .values("user")
    )
