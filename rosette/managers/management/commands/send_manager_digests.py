"""Send managers their digest of what waits on their team page. Run daily (cron, or a
scheduler that enqueues ``rosette.managers.tasks.manager_digests``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rosette.managers.digest import digests_send


class Command(BaseCommand):
    help = "Send managers whose digest is due (weekly by default) what waits for them."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Sent {digests_send().sent} digests.")
