from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "wirportal.dashboards"
    label = "dashboards"
