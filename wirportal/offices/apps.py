from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "wirportal.offices"
    label = "offices"
