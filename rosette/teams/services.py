"""State changes of teams: organisations and memberships (by invitation and consent).

Who may do what: an organisation admin invites staff (by email address or a join link),
appoints managers and withdraws invitations and links; only the person themselves accepts,
declines or leaves. Every change is in the audit trail. Leaving ends the membership and
nothing else: badges, applications and awards belong to the learner (DESIGN rule 11).
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette.core.email import send_email_on_commit
from rosette.core.models import record_event
from rosette.core.people import Person
from rosette.teams import hooks
from rosette.teams.models import Invitation, JoinLink, Membership, Organisation

JOIN_LINK_DAYS = 30
JOIN_SALT = "rosette.teams.join"
INVITATIONS_PER_DAY = 50


class TeamsError(Exception):
    """A rule of membership was broken; the message is for the person who tried."""


def is_admin(*, organisation: Organisation, user: Person | None) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        organisation=organisation,
        user_id=user.pk,
        role=Membership.Role.ADMIN,
        status=Membership.Status.ACTIVE,
    ).exists()


def _require_admin(organisation: Organisation, actor: Person | None) -> None:
    if not is_admin(organisation=organisation, user=actor):
        raise PermissionError("Only an admin of the organisation can do this.")


@transaction.atomic
def organisation_create(
    *, slug: str, name: str, actor: Person | None, admin: Person | None = None
) -> Organisation:
    """Register an employer (a site admin, or the demo); ``admin`` becomes its first
    organisation admin."""
    organisation = Organisation.objects.create(slug=slug, name=name)
    record_event(action="teams:organisation:create", subject=organisation, actor=actor)
    if admin is not None:
        admin_add(organisation=organisation, user=admin, actor=actor)
    return organisation


@transaction.atomic
def admin_add(*, organisation: Organisation, user: Person, actor: Person | None) -> Membership:
    """Make someone an admin of the organisation (by a site admin, through the Django admin's
    shell or the demo; the organisation's pages have no way to do it yet)."""
    membership, _created = Membership.objects.get_or_create(
        organisation=organisation,
        user_id=user.pk,
        role=Membership.Role.ADMIN,
        status__in=[Membership.Status.INVITED, Membership.Status.ACTIVE],
        defaults={"status": Membership.Status.ACTIVE},
    )
    record_event(
        action="teams:membership:appoint", subject=membership, actor=actor, data={"role": "admin"}
    )
    return membership


@transaction.atomic
def membership_invite(
    *, organisation: Organisation, user: Person, role: str, actor: Person | None
) -> Membership:
    """Invite a person to an organisation; nothing is shared until they accept."""
    membership, _created = Membership.objects.get_or_create(
        organisation=organisation,
        user_id=user.pk,
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
    if membership.status == Membership.Status.ACTIVE:
        return membership
    if membership.status != Membership.Status.INVITED:
        raise TeamsError(_("This invitation has already been answered."))
    membership.status = Membership.Status.ACTIVE
    membership.save(update_fields=["status", "updated_at"])
    record_event(action="teams:membership:accept", subject=membership, actor=actor)
    return membership


@transaction.atomic
def membership_decline(*, membership: Membership, actor: Person | None) -> Membership:
    """The invited person says no: the organisation sees nothing of them."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id != getattr(actor, "pk", None):
        raise PermissionError("Only the invited person can decline an invitation.")
    if membership.status != Membership.Status.INVITED:
        raise TeamsError(_("This invitation has already been answered."))
    membership.status = Membership.Status.DECLINED
    membership.ended_at = timezone.now()
    membership.save(update_fields=["status", "ended_at", "updated_at"])
    record_event(action="teams:membership:decline", subject=membership, actor=actor)
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership, actor: Person | None) -> Membership:
    """The person leaves, at any time and without asking anyone. The organisation's managers
    stop seeing anything of theirs at once; their badges and work stay theirs (rule 11)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id != getattr(actor, "pk", None):
        raise PermissionError("Only the member can leave.")
    if membership.status != Membership.Status.ACTIVE:
        raise TeamsError(_("You are not a member of this organisation."))
    membership.status = Membership.Status.LEFT
    membership.ended_at = timezone.now()
    membership.save(update_fields=["status", "ended_at", "updated_at"])
    if membership.role == Membership.Role.STAFF:
        hooks.staff_left.call(membership=membership)
    record_event(
        action="teams:membership:leave",
        subject=membership,
        actor=actor,
        data={"role": membership.role},
    )
    return membership


@transaction.atomic
def manager_appoint(
    *, organisation: Organisation, user: Person, actor: Person | None
) -> Membership:
    """An organisation admin appoints one of its staff as a manager. The person accepts it
    on their organisations page: until then they see nothing as a manager."""
    _require_admin(organisation, actor)
    if not Membership.objects.filter(
        organisation=organisation,
        user_id=user.pk,
        role=Membership.Role.STAFF,
        status=Membership.Status.ACTIVE,
    ).exists():
        raise TeamsError(_("Only someone who has joined the organisation can be a manager."))
    return membership_invite(
        organisation=organisation, user=user, role=Membership.Role.MANAGER, actor=actor
    )


@transaction.atomic
def manager_remove(*, membership: Membership, actor: Person | None) -> Membership:
    """An organisation admin ends someone's role as a manager (they stay staff)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _require_admin(membership.organisation, actor)
    if membership.role != Membership.Role.MANAGER or membership.status not in (
        Membership.Status.INVITED,
        Membership.Status.ACTIVE,
    ):
        raise TeamsError(_("This person is not a manager."))
    membership.status = Membership.Status.LEFT
    membership.ended_at = timezone.now()
    membership.save(update_fields=["status", "ended_at", "updated_at"])
    record_event(action="teams:membership:remove", subject=membership, actor=actor)
    return membership


# --- invitations by email address -----------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, actor: Person | None, organisations_url: str
) -> Invitation:
    """Invite a person, by email address, to join as staff. The email says who asks and where
    to answer; the invitation shows on the person's organisations page once the address is
    verified on their account. Inviting the same address again sends the email again."""
    _require_admin(organisation, actor)
    email = email.strip().lower()
    since = timezone.now() - timedelta(days=1)
    if (
        Invitation.objects.filter(organisation=organisation, created_at__gte=since).count()
        >= INVITATIONS_PER_DAY
    ):
        raise TeamsError(
            _("You have sent %(n)s invitations today. You can send more tomorrow.")
            % {"n": INVITATIONS_PER_DAY}
        )
    invitation = Invitation.objects.filter(
        organisation=organisation, email=email, status=Invitation.Status.PENDING
    ).first()
    if invitation is None:
        invitation = Invitation.objects.create(
            organisation=organisation, email=email, invited_by_id=getattr(actor, "pk", None)
        )
    record_event(action="teams:invitation:create", subject=invitation, actor=actor)
    send_email_on_commit(
        to=[email],
        subject=_("%(organisation)s invites you to join them on Rosette")
        % {"organisation": organisation.name},
        template="teams/email_invitation.txt",
        context={"organisation": organisation, "url": organisations_url},
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, actor: Person | None) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_admin(invitation.organisation, actor)
    if invitation.status == Invitation.Status.PENDING:
        invitation.status = Invitation.Status.WITHDRAWN
        invitation.responded_at = timezone.now()
        invitation.save(update_fields=["status", "responded_at", "updated_at"])
        record_event(action="teams:invitation:withdraw", subject=invitation, actor=actor)
    return invitation


def _join(organisation: Organisation, user: Person, actor: Person) -> Membership:
    membership = Membership.objects.filter(
        organisation=organisation,
        user_id=user.pk,
        role=Membership.Role.STAFF,
        status__in=[Membership.Status.INVITED, Membership.Status.ACTIVE],
    ).first()
    if membership is None:
        membership = Membership.objects.create(
            organisation=organisation,
            user_id=user.pk,
            role=Membership.Role.STAFF,
            status=Membership.Status.ACTIVE,
        )
    elif membership.status == Membership.Status.INVITED:
        membership.status = Membership.Status.ACTIVE
        membership.save(update_fields=["status", "updated_at"])
    record_event(action="teams:membership:accept", subject=membership, actor=actor)
    return membership


@transaction.atomic
def invitation_answer(
    *, invitation: Invitation, actor: Person, accept: bool, verified_emails: set[str]
) -> Invitation:
    """The invited person accepts (they join as staff) or declines. ``verified_emails`` are
    the addresses verified on their account: the invitation must be to one of them."""
    invitation = (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    )
    if invitation.email.lower() not in {e.lower() for e in verified_emails}:
        raise Http404
    if invitation.status != Invitation.Status.PENDING:
        raise TeamsError(_("This invitation has already been answered or withdrawn."))
    invitation.status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at", "updated_at"])
    record_event(
        action="teams:invitation:accept" if accept else "teams:invitation:decline",
        subject=invitation,
        actor=actor,
    )
    if accept:
        _join(invitation.organisation, actor, actor)
    return invitation


# --- join links -------------------------------------------------------------------------------


def join_link_token(link: JoinLink) -> str:
    """The signed token of a join link (the link's id, signed with the site's secret)."""
    return signing.dumps(str(link.public_id), salt=JOIN_SALT, compress=False)


def join_link_for_token(token: str) -> JoinLink:
    """The usable join link a token names; 404 if the signature is wrong, the link was
    withdrawn or it has expired."""
    if len(token) > 200:
        raise Http404
    try:
        public_id = signing.loads(token, salt=JOIN_SALT)
    except signing.BadSignature as exc:
        raise Http404 from exc
    link = JoinLink.objects.select_related("organisation").filter(public_id=str(public_id)).first()
    if link is None or not link.is_usable:
        raise Http404
    return link


@transaction.atomic
def join_link_create(*, organisation: Organisation, actor: Person | None) -> JoinLink:
    _require_admin(organisation, actor)
    link = JoinLink.objects.create(
        organisation=organisation,
        created_by_id=getattr(actor, "pk", None),
        expires_at=timezone.now() + timedelta(days=JOIN_LINK_DAYS),
    )
    record_event(action="teams:joinlink:create", subject=link, actor=actor)
    return link


@transaction.atomic
def join_link_revoke(*, link: JoinLink, actor: Person | None) -> JoinLink:
    link = JoinLink.objects.select_for_update().get(pk=link.pk)
    _require_admin(link.organisation, actor)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
        record_event(action="teams:joinlink:revoke", subject=link, actor=actor)
    return link


@transaction.atomic
def join_link_use(*, link: JoinLink, actor: Person) -> Membership:
    """The person who opened the link joins as staff (their consent is the button)."""
    link = JoinLink.objects.select_for_update().select_related("organisation").get(pk=link.pk)
    if not link.is_usable:
        raise Http404
    membership = _join(link.organisation, actor, actor)
    record_event(
        action="teams:joinlink:use",
        subject=link,
        actor=actor,
        data={"membership": str(membership.public_id)},
    )
    return membership
