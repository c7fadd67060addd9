from django.apps import AppConfig

from rosette.catalogue import hooks as catalogue


class AwardsConfig(AppConfig):
    name = "rosette.awards"
    label = "awards"
    verbose_name = "Awards"

    def ready(self) -> None:
        # Selectors read models: importable only once the app registry is ready.
        from rosette.awards import selectors  # noqa: PLC0415

        catalogue.award_statuses.connect(selectors.award_statuses_of)
        catalogue.pathway_progress_html.connect(selectors.pathway_progress_html)
