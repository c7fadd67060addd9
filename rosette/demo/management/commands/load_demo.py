from typing import Any

from django.core.management.base import BaseCommand

from rosette.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo issuer, badges and accounts (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_demo()
        for line in report.created:
            self.stdout.write(f"  created {line}")
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        self.stdout.write("Demo sign-ins (development only), password " + DEMO_PASSWORD + ":")
        for email, _, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<24} {role}")
