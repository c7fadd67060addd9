from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "rosette.credentials"
    label = "credentials"
    verbose_name = "Credentials"
