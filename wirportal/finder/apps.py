from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "wirportal.finder"
    label = "finder"
    verbose_name = "Angebote finden"
