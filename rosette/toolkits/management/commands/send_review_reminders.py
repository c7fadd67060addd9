from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rosette.toolkits import services


class Command(BaseCommand):
    help = "Email the owners of risk assessments whose review dates have come (once per date)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.review_reminders_send()
        self.stdout.write(f"Sent {sent} review reminder(s).")
