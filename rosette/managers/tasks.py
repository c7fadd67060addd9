"""Background work of managers (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from rosette.managers.digest import digests_send


@task()
def manager_digests() -> dict[str, int]:
    """Send the managers' digests that are due (weekly by default, never more than daily)."""
    return {"sent": digests_send().sent}
