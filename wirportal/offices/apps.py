from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "wirportal.offices"
    label = "offices"

    def ready(self) -> None:
        from wirportal.accounts.cache import cache_with_person

        from .models import OfficeMembership

        # a coordinator's unit travels with the cached person (cache bookkeeping, not logic)
        cache_with_person("office_membership", OfficeMembership)
