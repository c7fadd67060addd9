"""State changes of accounts: accounts themselves, and invitations to join an issuer's staff."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette.accounts import roles
from rosette.accounts.models import StaffInvitation, User
from rosette.catalogue.models import Issuer, IssuerStaff
from rosette.catalogue.services import issuer_staff_add
from rosette.core.email import send_email_on_commit
from rosette.core.models import AuditEvent, record_event

STAFF_INVITES_PER_DAY = 50
STAFF_INVITE_ACTION = "accounts:staff_invitation:send"


class StaffInvitationError(Exception):
    """A rule of staff invitations was broken; the message is for the person who tried."""


@transaction.atomic
def user_create(
    *,
    email: str,
    name: str,
    password: str | None,
    verified: bool = False,
    actor: User | None = None,
) -> User:
    """Create an account with its primary email (verified when an administrator vouches)."""
    user = User.objects.create_user(email=email, password=password, name=name)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    record_event(action="accounts:user:create", subject=user, actor=actor)
    return user


# --- staff invitations (ADR 0015) ---------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def mask_email(email: str) -> str:
    """``jo.carer@example.org`` → ``j***@example.org``: enough to recognise, not to harvest."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def staff_invitation_url(token: str) -> str:
    return reverse("workspace_people:accept", kwargs={"token": token})


@transaction.atomic
def staff_invite(*, issuer: Issuer, actor: User, email: str, role: str) -> StaffInvitation:
    """An issuer admin invites someone by email to assess (or administer) for the issuer.

    Inviting an address again sends a fresh link and the earlier one stops working. The
    returned invitation carries the raw token as ``invitation.token`` (stored only hashed)."""
    if not roles.is_issuer_admin(actor, issuer):
        raise PermissionError("Only an admin of the issuer can invite its staff.")
    if role not in IssuerStaff.Role.values:
        raise StaffInvitationError(_("Choose whether they will assess or administer."))
    email = email.strip().lower()
    if IssuerStaff.objects.filter(
        issuer=issuer, role=role, user__emailaddress__email__iexact=email
    ).exists():
        raise StaffInvitationError(
            _("%(email)s already has that role at %(issuer)s.")
            % {"email": email, "issuer": issuer.name}
        )
    since = timezone.now() - timedelta(days=1)
    sent = AuditEvent.objects.filter(action=STAFF_INVITE_ACTION, actor=actor, at__gte=since).count()
    if sent >= STAFF_INVITES_PER_DAY:
        raise StaffInvitationError(
            _("You have sent %(n)s invitations today. You can send more tomorrow.")
            % {"n": STAFF_INVITES_PER_DAY}
        )
    now = timezone.now()
    StaffInvitation.objects.pending().filter(issuer=issuer, email=email, role=role).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    invitation = StaffInvitation.objects.create(
        issuer=issuer,
        email=email,
        role=role,
        token_hash=_hash(token),
        invited_by=actor,
        expires_at=now + timedelta(days=StaffInvitation.VALID_DAYS),
    )
    record_event(
        action=STAFF_INVITE_ACTION,
        subject=invitation,
        actor=actor,
        data={"issuer": issuer.slug, "role": role, "email": mask_email(email)},
    )
    send_email_on_commit(
        to=[email],
        subject=_("%(issuer)s invites you to join its team on Rosette") % {"issuer": issuer.name},
        template="accounts/email_staff_invitation.txt",
        context={
            "invitation": invitation,
            "role": IssuerStaff.Role(role).label,
            "url": staff_invitation_url(token),
            "days": StaffInvitation.VALID_DAYS,
        },
    )
    invitation.token = token  # type: ignore[attr-defined]  # raw token, not stored
    return invitation


@transaction.atomic
def staff_invitation_revoke(*, invitation: StaffInvitation, actor: User) -> StaffInvitation:
    """The admin withdraws an invitation not yet accepted: its link stops working."""
    if not roles.is_issuer_admin(actor, invitation.issuer):
        raise PermissionError("Only an admin of the issuer can withdraw its invitations.")
    locked = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is None and locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        record_event(action="accounts:staff_invitation:revoke", subject=locked, actor=actor)
    return locked


def staff_invitation_for_token(*, token: str) -> StaffInvitation:
    """The pending invitation a link opens, or 404 (unknown, replaced, withdrawn, used or
    expired)."""
    invitation = (
        StaffInvitation.objects.pending()
        .select_related("issuer")
        .filter(token_hash=_hash(token), expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def staff_acceptance_problem(*, invitation: StaffInvitation, user: User) -> str | None:
    """Why this person cannot accept the invitation, or None when they can."""
    if EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        return None
    masked = mask_email(invitation.email)
    if EmailAddress.objects.filter(user=user, email__iexact=invitation.email).exists():
        return _(
            "This invitation was sent to %(email)s. Confirm that address first: we sent you a "
            "link when you added it."
        ) % {"email": masked}
    return _(
        "This invitation was sent to %(email)s. Sign in with that address, or add it to your "
        "account and confirm it."
    ) % {"email": masked}


@transaction.atomic
def staff_invitation_accept(*, invitation: StaffInvitation, actor: User) -> IssuerStaff:
    """The invited person takes up the role. They must then set up multi-factor
    authentication before they can do anything else (accounts.middleware)."""
    locked = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if (
        locked.accepted_at is not None
        or locked.revoked_at is not None
        or locked.expires_at <= timezone.now()
    ):
        raise Http404
    problem = staff_acceptance_problem(invitation=locked, user=actor)
    if problem is not None:
        raise StaffInvitationError(problem)
    staff = issuer_staff_add(issuer=locked.issuer, user=actor, role=locked.role, actor=actor)
    locked.accepted_by = actor
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_by", "accepted_at"])
    record_event(action="accounts:staff_invitation:accept", subject=locked, actor=actor)
    return staff  # type: ignore[no-any-return]  # get_or_create's IssuerStaff


def user_language_note(*, user: User, language: str) -> None:
    """Remember the language the person is using Rosette in (one of settings.LANGUAGES), so
    that what is emailed to them later, from another person's request or the worker, is
    written in it."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
