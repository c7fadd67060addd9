from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "rosette.awards"
    label = "awards"
    verbose_name = "Awards"
