from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "wirportal.core"
    label = "core"
