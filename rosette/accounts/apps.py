from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rosette.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Imported here: the middleware module needs the app registry ready (allauth models).
        from allauth.mfa.signals import authenticator_added

        from rosette.accounts.middleware import record_activation

        authenticator_added.connect(record_activation, dispatch_uid="rosette-mfa-activation")
