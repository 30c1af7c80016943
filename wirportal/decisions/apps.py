from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "wirportal.decisions"
    label = "decisions"
