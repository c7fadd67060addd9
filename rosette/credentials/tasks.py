"""Background work: signing an award's credentials (django-tasks, database backend)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from rosette.awards.models import Award
from rosette.credentials.services import credential_issue


@task()
def issue_credential_task(*, award_id: int) -> None:
    """Build, sign and store the credentials of an award (idempotent, so safe to retry)."""
    award = Award.objects.filter(pk=award_id).first()
    if award is not None:
        credential_issue(award=award)


def credential_issue_later(*, award: Award) -> None:
    """Issue the award's credentials in a background task once the current transaction
    commits (the award row must be visible to the worker)."""
    award_id = award.pk
    transaction.on_commit(lambda: issue_credential_task.enqueue(award_id=award_id))
