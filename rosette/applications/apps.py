from django.apps import AppConfig

from rosette.catalogue import hooks as catalogue


class ApplicationsConfig(AppConfig):
    name = "rosette.applications"
    label = "applications"
    verbose_name = "Applications"

    def ready(self) -> None:
        # Selectors read models: importable only once the app registry is ready.
        from rosette.applications import selectors  # noqa: PLC0415

        catalogue.open_application.connect(selectors.open_application_for)
