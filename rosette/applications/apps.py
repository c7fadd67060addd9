from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "rosette.applications"
    label = "applications"
    verbose_name = "Applications"
