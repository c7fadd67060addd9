from django.apps import AppConfig


class ManagersConfig(AppConfig):
    """The pages of organisations and managers: joining and leaving an employer, its admin's
    people page, and the manager's home, composed from teams, applications, assessment and
    awards (docs/adr/0016-managers-and-teams.md)."""

    name = "rosette.managers"
    label = "managers"
    verbose_name = "Managers"
