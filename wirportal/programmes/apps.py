from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "wirportal.programmes"
    label = "programmes"
