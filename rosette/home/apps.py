from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "rosette.home"
    label = "home"
    verbose_name = "Home"
