from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "wirportal.events"
    label = "events"
