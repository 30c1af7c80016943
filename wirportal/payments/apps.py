from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "wirportal.payments"
    label = "payments"
