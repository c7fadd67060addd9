from django.apps import AppConfig

from rosette.catalogue import hooks as catalogue


class ToolkitsConfig(AppConfig):
    name = "rosette.toolkits"
    label = "toolkits"
    verbose_name = "Safeguarding toolkits"

    def ready(self) -> None:
        # Selectors read models: importable only once the app registry is ready.
        from rosette.toolkits import selectors  # noqa: PLC0415

        catalogue.guide_links_html.connect(selectors.guide_links_html)
