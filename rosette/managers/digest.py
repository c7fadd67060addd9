"""The manager's digest (issue 15): one email, weekly by default (or daily, or never), saying
what waits on their team page. Never more than one digest a day, whatever the setting; nothing
is sent when nothing waits. Run daily: ``manage.py send_manager_digests`` or the task
``rosette.managers.tasks.manager_digests``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rosette.accounts.models import User
from rosette.core.email import send_email_on_commit
from rosette.core.models import record_event
from rosette.managers import selectors
from rosette.managers.models import DigestSettings
from rosette.teams.models import Membership

INTERVAL: dict[str, timedelta] = {
    DigestSettings.Frequency.WEEKLY: timedelta(days=7),
    DigestSettings.Frequency.DAILY: timedelta(days=1),
}
# A little slack, so a daily run at a slightly earlier hour still sends.
SLACK = timedelta(hours=1)


def settings_for(user: User) -> DigestSettings:
    found = DigestSettings.objects.filter(user=user).first()
    return found or DigestSettings(user=user)


@transaction.atomic
def digest_settings_update(*, user: User, frequency: str) -> DigestSettings:
    if frequency not in DigestSettings.Frequency.values:
        raise ValueError(frequency)
    digest, _created = DigestSettings.objects.get_or_create(user=user)
    digest.frequency = frequency
    digest.save(update_fields=["frequency", "updated_at"])
    record_event(
        action="managers:digest:settings", subject=digest, actor=user, data={"frequency": frequency}
    )
    return digest


@dataclass
class DigestReport:
    sent: int = 0


def _due(digest: DigestSettings, now: datetime) -> bool:
    if digest.frequency == DigestSettings.Frequency.OFF:
        return False
    if digest.last_sent_at is None:
        return True
    return now - digest.last_sent_at >= INTERVAL[digest.frequency] - SLACK


def digests_send(*, now: datetime | None = None) -> DigestReport:
    """Send each active manager whose digest is due a summary of what waits for them."""
    now = now or timezone.now()
    report = DigestReport()
    managers = User.objects.filter(
        memberships__role=Membership.Role.MANAGER,
        memberships__status=Membership.Status.ACTIVE,
        is_active=True,
    ).distinct()
    for manager in managers:
        with transaction.atomic():
            digest = settings_for(manager)
            if not _due(digest, now):
                continue
            emails = list(
                EmailAddress.objects.filter(user=manager, verified=True).values_list(
                    "email", flat=True
                )
            )
            home = selectors.manager_home(user=manager, emails=emails)
            if home.nothing_waiting:
                continue
            send_email_on_commit(
                to=[manager.email],
                subject=_("What is waiting for you on Rosette"),
                template="managers/email_digest.txt",
                context={"home": home, "url": reverse("managers:home")},
            )
            digest.last_sent_at = now
            digest.save()
            record_event(action="managers:digest:send", subject=digest, actor=None)
            report.sent += 1
    return report
