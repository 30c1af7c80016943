from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "wirportal.audit"
    label = "audit"
