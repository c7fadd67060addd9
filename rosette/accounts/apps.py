from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rosette.accounts"
    label = "accounts"
    verbose_name = "Accounts"
