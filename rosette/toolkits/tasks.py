"""Background work of the toolkit (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from rosette.toolkits import services


@task()
def send_review_reminders() -> int:
    """Email owners whose review dates have come (once per date). Run daily."""
    return services.review_reminders_send()
