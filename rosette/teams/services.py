"""State changes of teams: organisations and memberships (by invitation and consent)."""

from __future__ import annotations

from django.db import transaction

from rosette.core.models import record_event
from rosette.core.people import Person
from rosette.teams.models import Membership, Organisation


@transaction.atomic
def organisation_create(*, slug: str, name: str, actor: Person | None) -> Organisation:
    """Register an employer."""
    organisation = Organisation.objects.create(slug=slug, name=name)
    record_event(action="teams:organisation:create", subject=organisation, actor=actor)
    return organisation


@transaction.atomic
def membership_invite(
    *, organisation: Organisation, user: Person, role: str, actor: Person | None
) -> Membership:
    """Invite a person to an organisation; nothing is shared until they accept."""
    membership, _ = Membership.objects.get_or_create(
        organisation=organisation,
        user=user,
        role=role,
        status__in=[Membership.Status.INVITED, Membership.Status.ACTIVE],
        defaults={"status": Membership.Status.INVITED},
    )
    record_event(
        action="teams:membership:invite",
        subject=membership,
        actor=actor,
        data={"role": role},
    )
    return membership


@transaction.atomic
def membership_accept(*, membership: Membership, actor: Person | None) -> Membership:
    """The invited person consents to join."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id != getattr(actor, "pk", None):
        raise PermissionError("Only the invited person can accept an invitation.")
    membership.status = Membership.Status.ACTIVE
    membership.save(update_fields=["status", "updated_at"])
    record_event(action="teams:membership:accept", subject=membership, actor=actor)
    return membership
