from django.apps import AppConfig


class ToolkitsConfig(AppConfig):
    name = "rosette.toolkits"
    label = "toolkits"
    verbose_name = "Safeguarding toolkits"
