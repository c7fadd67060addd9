"""Background work of assessment (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from rosette.assessment import services


@task()
def send_sla_reminders() -> int:
    """Email issuer admins about applications near or past their due date. Run daily."""
    return services.sla_reminders_send()
