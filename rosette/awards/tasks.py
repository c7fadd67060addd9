"""Background work of awards (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from rosette.awards.services import endorsement_reminders_send


@task()
def endorsement_reminders() -> dict[str, int]:
    """Remind of required manager endorsements and suspend overdue awards (rule 15)."""
    report = endorsement_reminders_send()
    return {"reminded": report.reminded, "suspended": report.suspended}
