from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "wirportal.applications"
    label = "applications"
