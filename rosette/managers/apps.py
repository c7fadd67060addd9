from django.apps import AppConfig

from rosette.teams import hooks as teams


class ManagersConfig(AppConfig):
    """The pages of organisations and managers: joining and leaving an employer, its admin's
    people page, and the manager's home, composed from teams, applications, assessment and
    awards (docs/adr/0016-managers-and-teams.md)."""

    name = "rosette.managers"
    label = "managers"
    verbose_name = "Managers"

    def ready(self) -> None:
        # Services read models: importable only once the app registry is ready.
        from rosette.managers import services  # noqa: PLC0415

        teams.staff_left.connect(services.staff_left)
