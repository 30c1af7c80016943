"""Load reference data and realistic demo data through the services. Idempotent."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Lädt Referenzdaten (33 WIR-Einheiten) und Demodaten aller Fachbereiche; mehrfach ausführbar."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reference-only", action="store_true", help="Nur Referenzdaten laden."
        )
        parser.add_argument("--quiet", action="store_true", help="Keine Zugangsdaten ausgeben.")

    def handle(self, *args, reference_only=False, quiet=False, **options):
        # apps are discovered, not imported: core stays the lowest layer
        created = import_module("wirportal.offices.services").reference_data_load()
        self.stdout.write(f"Referenzdaten: {created} WIR-Einheiten neu angelegt (33 insgesamt).")
        if reference_only:
            return
        for config in apps.get_app_configs():
            if not config.name.startswith("wirportal."):
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            summary = module.load()
            if summary:
                self.stdout.write(f"Demodaten {config.label}: {summary}")
        if not quiet:
            import_module("wirportal.accounts.demo").print_logins(self.stdout)
