"""Email, sent after the transaction commits, through the task queue."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_email_task(*, to: list[str], subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def send_email_on_commit(
    *, to: list[str], subject: str, template: str, context: dict[str, Any]
) -> None:
    """Render now, send once the surrounding transaction has committed (never for a rollback)."""
    body = render_to_string(template, {**context, "SITE_URL": settings.SITE_URL})
    full_subject = f"[Rosette] {subject}"
    transaction.on_commit(lambda: send_email_task.enqueue(to=to, subject=full_subject, body=body))


def in_language_of(person: object) -> AbstractContextManager[object]:
    """Write an email to someone in the language they use Rosette in (``person.language``),
    whoever's request or task sends it; in the current language if theirs is not known."""
    language = getattr(person, "language", "")
    return translation.override(language) if language else nullcontext()
