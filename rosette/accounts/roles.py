"""Roles, checked in one place.

Everyone signed in is a learner. A manager manages at least one organisation (teams app).
Assessors and issuer admins hold an IssuerStaff role for a particular issuer (catalogue app).
Site admins are Django superusers. One account may hold any combination.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeGuard

from rosette.accounts.http import Viewer
from rosette.accounts.models import User
from rosette.catalogue.models import Issuer, IssuerStaff
from rosette.core.access import Rule
from rosette.teams.models import Membership


def _signed_in(user: Viewer | None) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_site_admin(user: Viewer | None) -> bool:
    return _signed_in(user) and bool(user.is_superuser)


def issuers_assessed_by(user: Viewer | None) -> list[Issuer]:
    """Issuers for which this user may assess (assessors and issuer admins both may)."""
    if not _signed_in(user):
        return []
    return list(
        Issuer.objects.filter(
            staff__user=user,
            staff__role__in=[IssuerStaff.Role.ASSESSOR, IssuerStaff.Role.ADMIN],
            staff__suspended_at__isnull=True,
        ).distinct()
    )


def issuers_administered_by(user: Viewer | None) -> list[Issuer]:
    if not _signed_in(user):
        return []
    if user.is_superuser:
        return list(Issuer.objects.all())
    return list(
        Issuer.objects.filter(
            staff__user=user, staff__role=IssuerStaff.Role.ADMIN, staff__suspended_at__isnull=True
        )
    )


def is_assessor(user: Viewer | None, issuer: Issuer | None = None) -> bool:
    if not _signed_in(user):
        return False
    qs = IssuerStaff.objects.active().filter(user=user)
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    return qs.exists()


def is_issuer_admin(user: Viewer | None, issuer: Issuer | None = None) -> bool:
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    qs = IssuerStaff.objects.active().filter(user=user, role=IssuerStaff.Role.ADMIN)
    if issuer is not None:
        qs = qs.filter(issuer=issuer)
    return qs.exists()


def is_manager(user: Viewer | None) -> bool:
    if not _signed_in(user):
        return False
    return Membership.objects.filter(
        user=user, role=Membership.Role.MANAGER, status=Membership.Status.ACTIVE
    ).exists()


def needs_mfa(user: Viewer | None) -> bool:
    """Assessors, issuer admins, site admins and anyone the Django admin lets in (staff) must
    use multi-factor authentication (a suspended role too: it may be restored, and it still
    names them as staff)."""
    if not _signed_in(user):
        return False
    return (
        is_site_admin(user) or bool(user.is_staff) or IssuerStaff.objects.filter(user=user).exists()
    )


_ROLE_CHECKS: dict[Rule, Callable[[Any], bool]] = {
    Rule.MANAGER: is_manager,
    Rule.ASSESSOR: is_assessor,
    Rule.ISSUER_ADMIN: is_issuer_admin,
    Rule.SITE_ADMIN: is_site_admin,
}


def holds(*, user: Viewer | None, role: Rule) -> bool:
    """Whether the person holds the role an access rule names (answers core.hooks.holds_role)."""
    return _ROLE_CHECKS[role](user)


def role_names(user: Viewer | None) -> list[str]:
    """Human-readable roles, for the home page and the header."""
    if not _signed_in(user):
        return []
    roles = ["learner"]
    if is_manager(user):
        roles.append("manager")
    if is_assessor(user):
        roles.append("assessor")
    if is_issuer_admin(user):
        roles.append("issuer admin")
    if is_site_admin(user):
        roles.append("site admin")
    return roles
