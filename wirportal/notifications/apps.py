from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "wirportal.notifications"
    label = "notifications"
