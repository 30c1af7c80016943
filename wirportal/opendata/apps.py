from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "wirportal.opendata"
    label = "opendata"
