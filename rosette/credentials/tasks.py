"""Background work: signing an award's credentials (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from rosette.awards.models import Award


@task()
def issue_credential_task(*, award_id: int) -> None:
    """Build, sign and store the credentials of an award (idempotent, so safe to retry)."""
    from .services import credential_issue

    award = Award.objects.filter(pk=award_id).first()
    if award is not None:
        credential_issue(award=award)
