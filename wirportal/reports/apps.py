from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "wirportal.reports"
    label = "reports"
