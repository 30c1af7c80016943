"""Role-aware main navigation. Each app may offer `navigation.items(user)`; core collects them."""

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 50
    description: str = ""


@cache
def _providers():
    providers = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wirportal.") or config.name == "wirportal.core":
            continue
        try:
            module = import_module(f"{config.name}.navigation")
        except ModuleNotFoundError:
            continue
        providers.append(module.items)
    return providers


def nav_items(user) -> list[NavItem]:
    items: list[NavItem] = []
    for provider in _providers():
        items.extend(provider(user))
    return sorted(items, key=lambda item: (item.order, item.label))
