from django.apps import AppConfig

from rosette.awards import hooks as awards


class CredentialsConfig(AppConfig):
    name = "rosette.credentials"
    label = "credentials"
    verbose_name = "Credentials"

    def ready(self) -> None:
        # Services and tasks read models: importable only once the app registry is ready.
        from rosette.credentials import services, tasks  # noqa: PLC0415

        awards.issue_credential.connect(tasks.credential_issue_later)
        awards.sync_credential_status.connect(services.credential_status_sync)
