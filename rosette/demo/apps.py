from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "rosette.demo"
    label = "demo"
    verbose_name = "Demo world"
