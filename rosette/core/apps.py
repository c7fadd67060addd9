from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "rosette.core"
    label = "core"
    verbose_name = "Core"
