from django.apps import AppConfig

from rosette.core import hooks


class AccountsConfig(AppConfig):
    name = "rosette.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Roles read models: importable only once the app registry is ready.
        from rosette.accounts import roles  # noqa: PLC0415

        hooks.holds_role.connect(roles.holds)
