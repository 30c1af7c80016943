from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "wirportal.partnership"
    label = "partnership"
    verbose_name = "Partnerschaft Land – Kommunen"
