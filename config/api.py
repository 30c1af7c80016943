"""The REST API: one NinjaAPI, each app contributes `router` from its api.py."""

from importlib import import_module

from django.apps import apps
from ninja import NinjaAPI

api = NinjaAPI(
    title="WIR-Portal API",
    version="1",
    description="Offene Daten und Fachschnittstelle des Landesprogramms WIR. "
    "Öffentliche Endpunkte brauchen keine Anmeldung; alle anderen nutzen die Sitzung des Portals.",
    urls_namespace="api",
)

for config in apps.get_app_configs():
    if not config.name.startswith("wirportal."):
        continue
    try:
        module = import_module(f"{config.name}.api")
    except ModuleNotFoundError as error:
        if error.name != f"{config.name}.api":
            raise
        continue
    api.add_router(getattr(module, "PREFIX", f"/{config.label}/"), module.router)
