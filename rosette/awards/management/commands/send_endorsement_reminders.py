"""Remind learners and managers of required endorsements; suspend awards that missed theirs.
Run daily (cron, or a scheduler that enqueues ``rosette.awards.tasks.endorsement_reminders``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rosette.awards.services import endorsement_reminders_send


class Command(BaseCommand):
    help = "Remind people of required manager endorsements (rule 15) and suspend overdue awards."

    def handle(self, *args: Any, **options: Any) -> None:
        report = endorsement_reminders_send()
        self.stdout.write(f"Reminded {report.reminded}, suspended {report.suspended}.")
