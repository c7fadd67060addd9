from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "rosette.workspace"
    label = "workspace"
    verbose_name = "Issuer workspace"
