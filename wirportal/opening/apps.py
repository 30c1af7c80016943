from django.apps import AppConfig


class OpeningConfig(AppConfig):
    name = "wirportal.opening"
    label = "opening"
    verbose_name = "Interkulturelle Öffnung"

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
