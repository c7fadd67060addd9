"""State changes that span teams, the workflow and awards: what happens when someone leaves an
employer; coaching offers (tip 7) and celebrations (tip 8), each the learner's choice."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette.accounts.models import User
from rosette.applications import review
from rosette.applications.models import Review
from rosette.awards.models import Award
from rosette.catalogue.models import Badge
from rosette.core.models import record_event
from rosette.managers.models import Celebration, CoachingOffer
from rosette.teams import selectors as teams
from rosette.teams.models import Membership, Organisation


class SharingError(Exception):
    """A rule of sharing with colleagues was broken; the message is for the person."""


def staff_left(*, membership: Membership) -> None:
    """Someone left an employer: the drafts they shared with its managers stop being shared
    (and those managers' follow-ups of them go), and their awards leave its celebration feed,
    so a former manager sees nothing of their work. Answers ``teams.hooks.staff_left``; runs
    inside the leaving's transaction."""
    managers = teams.managers_at(organisation=membership.organisation)
    shares = Review.objects.active().filter(
        application__learner_id=membership.user_id, reviewer__in=managers
    )
    for share in shares.select_related("application"):
        review.review_revoke(review=share, actor=membership.user)
    Celebration.objects.filter(
        organisation=membership.organisation,
        award__recipient_id=membership.user_id,
        withdrawn_at__isnull=True,
    ).update(withdrawn_at=timezone.now())


@transaction.atomic
def coaching_offer(*, user: User, badge: Badge) -> CoachingOffer:
    """Offer to help colleagues with a badge you hold."""
    if not Award.objects.valid_now().filter(recipient=user, badge=badge).exists():
        raise SharingError(_("You can offer to help with a badge you hold."))
    offer, created = CoachingOffer.objects.get_or_create(
        user=user, badge=badge, withdrawn_at__isnull=True
    )
    if created:
        record_event(action="managers:coaching:offer", subject=offer, actor=user)
    return offer


@transaction.atomic
def coaching_withdraw(*, user: User, badge: Badge) -> None:
    for offer in CoachingOffer.objects.filter(user=user, badge=badge, withdrawn_at__isnull=True):
        offer.withdrawn_at = timezone.now()
        offer.save(update_fields=["withdrawn_at", "updated_at"])
        record_event(action="managers:coaching:withdraw", subject=offer, actor=user)


@transaction.atomic
def celebration_agree(*, award: Award, organisation: Organisation, user: User) -> Celebration:
    """The learner agrees that their award appears in the organisation's celebration feed."""
    if award.recipient_id != user.pk:
        raise PermissionError("Only the learner shares their award.")
    if award.status != Award.Status.ACTIVE or award.visibility == Award.Visibility.PRIVATE:
        raise SharingError(
            _("Only a badge you hold, on a page that is not private, can be shared.")
        )
    if organisation.pk not in {o.pk for o in teams.employers_of(user=user)}:
        raise SharingError(_("You can share a badge only with an organisation you belong to."))
    celebration, created = Celebration.objects.get_or_create(
        award=award, organisation=organisation, withdrawn_at__isnull=True
    )
    if created:
        record_event(
            action="managers:celebration:agree",
            subject=celebration,
            actor=user,
            data={"award": award.code, "organisation": organisation.slug},
        )
    return celebration


@transaction.atomic
def celebration_withdraw(*, award: Award, organisation: Organisation, user: User) -> None:
    if award.recipient_id != user.pk:
        raise PermissionError("Only the learner withdraws their award.")
    for celebration in Celebration.objects.filter(
        award=award, organisation=organisation, withdrawn_at__isnull=True
    ):
        celebration.withdrawn_at = timezone.now()
        celebration.save(update_fields=["withdrawn_at", "updated_at"])
        record_event(action="managers:celebration:withdraw", subject=celebration, actor=user)
