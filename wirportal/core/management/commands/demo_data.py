"""Load reference data and realistic demo data through the services. Idempotent.

Each app's `demo` module is discovered through the app registry (core stays the lowest layer and
names no app): `load_reference()` (reference data, also with `--reference-only`), `load()`
(demo data) and `print_logins(out)` (the demo logins at the end), each where the module has it.
"""

from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.core.management.base import BaseCommand


def _demo_modules() -> list[tuple[str, ModuleType]]:
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wirportal."):
            continue
        try:
            modules.append((config.label, import_module(f"{config.name}.demo")))
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
    return modules


class Command(BaseCommand):
    help = "Lädt Referenzdaten (33 WIR-Einheiten) und Demodaten aller Fachbereiche; mehrfach ausführbar."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reference-only", action="store_true", help="Nur Referenzdaten laden."
        )
        parser.add_argument("--quiet", action="store_true", help="Keine Zugangsdaten ausgeben.")

    def handle(self, *args, reference_only=False, quiet=False, **options):
        modules = _demo_modules()
        for _label, module in modules:
            if hasattr(module, "load_reference"):
                self.stdout.write(f"Referenzdaten: {module.load_reference()}.")
        if reference_only:
            return
        for label, module in modules:
            summary = module.load()
            if summary:
                self.stdout.write(f"Demodaten {label}: {summary}")
        if not quiet:
            for _label, module in modules:
                if hasattr(module, "print_logins"):
                    module.print_logins(self.stdout)
