from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rosette.assessment.tasks import send_sla_reminders


class Command(BaseCommand):
    help = (
        "Email issuer admins about applications near or past their due date (once per "
        "application and threshold). Run daily from cron; --enqueue hands it to the task worker."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task instead of running it now."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = send_sla_reminders.enqueue()
            self.stdout.write(f"Queued the reminder task ({result.id}).")
            return
        sent = send_sla_reminders.call()
        self.stdout.write(f"Reported {sent} application(s) to issuer admins.")
