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

        # Imported here: the middleware module needs the app registry ready (allauth models).
        from allauth.account.signals import user_logged_in  # noqa: PLC0415
        from allauth.mfa.signals import authenticator_added  # noqa: PLC0415

        from rosette.accounts.middleware import (  # noqa: PLC0415
            password_is_a_recent_confirmation,
            record_activation,
        )

        authenticator_added.connect(record_activation, dispatch_uid="rosette-mfa-activation")
        user_logged_in.connect(
            password_is_a_recent_confirmation, dispatch_uid="rosette-password-confirms"
        )
