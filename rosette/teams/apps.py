from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "rosette.teams"
    label = "teams"
    verbose_name = "Teams"
