from django.apps import AppConfig

from rosette.catalogue import hooks as catalogue


class AwardsConfig(AppConfig):
    name = "rosette.awards"
    label = "awards"
    verbose_name = "Awards"

    def ready(self) -> None:
        # Selectors read models: importable only once the app registry is ready.
        from rosette.awards import selectors  # noqa: PLC0415

        catalogue.held_badge_ids.connect(selectors.badge_ids_held_by)
        catalogue.pathway_progress_html.connect(selectors.pathway_progress_html)
