from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wirportal.accounts"
    label = "accounts"
