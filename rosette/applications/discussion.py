"""Discussion tasks (DESIGN rule 18, issue 15): the learner records the discussion a badge
asks for (who took part, when, what was agreed) and may ask a named colleague, manager or
tutor to confirm it. Changing the record after it was confirmed asks for confirmation again.
No deadlines (rule 12)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette import privacy
from rosette.accounts.models import User
from rosette.applications.models import Application, Discussion
from rosette.core.email import send_email_on_commit
from rosette.core.models import record_event

MAX_AGREED_CHARS = 5_000


class DiscussionError(Exception):
    """A rule of discussion tasks was broken; the message is for the person who tried."""


@transaction.atomic
def discussion_record(
    *,
    application: Application,
    actor: User,
    participants: str,
    held_on: date,
    agreed: str,
    show_on_award: bool,
) -> Discussion:
    """Record (or change) the discussion. Nothing that could identify someone: the record may
    be shown to a manager and, if the learner chooses, on the award page."""
    if actor.pk != application.learner_id:
        raise PermissionError("Only the learner records their discussion task.")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_editable:
        raise DiscussionError(_("You can only change the discussion before you submit."))
    if not application.version.discussion_task:
        raise DiscussionError(_("This badge has no discussion task."))
    if held_on > timezone.localdate():
        raise DiscussionError(_("The date of the discussion must be today or in the past."))
    participants = participants.strip()[:300]
    agreed = agreed.strip()[:MAX_AGREED_CHARS]
    if privacy.unexplained(agreed):
        raise DiscussionError(
            _("What you agreed could identify someone. Change it so that it does not.")
        )
    discussion = Discussion.objects.filter(application=application).first()
    if discussion is None:
        discussion = Discussion(application=application)
    changed = (discussion.participants, discussion.held_on, discussion.agreed) != (
        participants,
        held_on,
        agreed,
    )
    discussion.participants = participants
    discussion.held_on = held_on
    discussion.agreed = agreed
    discussion.show_on_award = show_on_award
    if changed and discussion.confirmed_at is not None:
        discussion.confirmed_at = None  # confirmed what it said then, not what it says now
    discussion.save()
    record_event(
        action="applications:discussion:record",
        subject=discussion,
        actor=actor,
        data={"changed": changed},
    )
    return discussion


@transaction.atomic
def discussion_ask_confirmation(*, discussion: Discussion, actor: User, email: str) -> Discussion:
    """Ask a named colleague, manager or tutor to confirm the discussion took place."""
    discussion = (
        Discussion.objects.select_for_update(of=("self",))
        .select_related("application__badge", "application__learner")
        .get(pk=discussion.pk)
    )
    application = discussion.application
    if actor.pk != application.learner_id:
        raise PermissionError("Only the learner asks for confirmation.")
    email = email.strip().lower()
    if EmailAddress.objects.filter(user=actor, email__iexact=email).exists():
        raise DiscussionError(_("Enter the email address of someone who took part, not your own."))
    discussion.confirmer_email = email
    discussion.confirmer = None
    discussion.confirmed_at = None
    discussion.save(update_fields=["confirmer_email", "confirmer", "confirmed_at", "updated_at"])
    record_event(action="applications:discussion:ask", subject=discussion, actor=actor)
    send_email_on_commit(
        to=[email],
        subject=_("%(name)s asks you to confirm a discussion for %(badge)s")
        % {"name": application.learner.name, "badge": application.badge.name},
        template="applications/discussion/email_confirm.txt",
        context={
            "application": application,
            "url": reverse(
                "reviews:discussion_confirm", kwargs={"public_id": discussion.public_id}
            ),
        },
    )
    return discussion


@transaction.atomic
def discussion_confirm(
    *, discussion: Discussion, actor: User, verified_emails: Sequence[str]
) -> Discussion:
    """The person asked confirms the discussion took place as recorded."""
    discussion = Discussion.objects.select_for_update().get(pk=discussion.pk)
    if not discussion.confirmer_email or discussion.confirmer_email.lower() not in {
        e.lower() for e in verified_emails
    }:
        raise Http404
    if discussion.confirmed_at is None:
        discussion.confirmer = actor
        discussion.confirmed_at = timezone.now()
        discussion.save(update_fields=["confirmer", "confirmed_at", "updated_at"])
        record_event(action="applications:discussion:confirm", subject=discussion, actor=actor)
    return discussion


def discussion_of(application: Application) -> Discussion | None:
    return Discussion.objects.filter(application=application).select_related("confirmer").first()


def to_confirm(*, emails: Sequence[str]) -> list[Discussion]:
    """Discussions waiting for confirmation by someone holding one of these addresses."""
    if not emails:
        return []
    return list(
        Discussion.objects.filter(
            confirmer_email__in=[e.lower() for e in emails],
            confirmed_at__isnull=True,
            application__status__in=Application.OPEN_STATUSES,
        )
        .select_related("application__badge", "application__learner")
        .order_by("-updated_at")
    )


def discussion_for_confirmer(*, public_id: Any, emails: Sequence[str]) -> Discussion:
    """A discussion this person was asked to confirm; 404 for anyone else."""
    try:
        return Discussion.objects.select_related(
            "application__badge", "application__learner", "application__version"
        ).get(
            public_id=public_id,
            confirmer_email__in=[e.lower() for e in emails],
            application__status__in=[*Application.OPEN_STATUSES, Application.Status.AWARDED],
        )
    except (Discussion.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
