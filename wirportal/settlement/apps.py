from django.apps import AppConfig


class SettlementConfig(AppConfig):
    name = "wirportal.settlement"
    label = "settlement"
    verbose_name = "Verwendungsnachweis und Abrechnung"
