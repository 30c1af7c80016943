from django.apps import AppConfig


class AntidiscriminationConfig(AppConfig):
    name = "wirportal.antidiscrimination"
    label = "antidiscrimination"
