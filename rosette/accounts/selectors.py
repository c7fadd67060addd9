"""Reads of accounts: invitations to an issuer's staff."""

from __future__ import annotations

import uuid

from django.http import Http404
from django.utils import timezone

from rosette.accounts.models import StaffInvitation
from rosette.catalogue.models import Issuer


def pending_staff_invitations(*, issuer: Issuer) -> list[StaffInvitation]:
    """Invitations not yet accepted, withdrawn or expired, newest first."""
    return list(
        StaffInvitation.objects.pending()
        .filter(issuer=issuer, expires_at__gt=timezone.now())
        .select_related("invited_by")
        .order_by("-created_at")[:200]
    )


def staff_invitation_of(*, issuer: Issuer, public_id: uuid.UUID) -> StaffInvitation:
    """An invitation of this issuer (the caller has checked the user administers it), or 404."""
    found = StaffInvitation.objects.filter(issuer=issuer, public_id=public_id).first()
    if found is None:
        raise Http404
    return found
