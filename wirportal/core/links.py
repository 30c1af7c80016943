"""Links from one object's page to related pages of other apps ("Weitere Vorgänge").

An app may offer `links.for_object(obj, user) -> list[Link]`; core collects them, so a page can
link to apps it must not import (the application page to its review and its decisions). Each
provider returns [] for objects it does not know and for users who may not follow the link, and
uses a fixed number of queries per object, whatever the number of rows behind it.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    description: str = ""
    order: int = 50


@cache
def _providers():
    providers = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wirportal.") or config.name == "wirportal.core":
            continue
        try:
            module = import_module(f"{config.name}.links")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.links":
                raise
            continue
        providers.append(module.for_object)
    return providers


def object_links(obj, user) -> list[Link]:
    """Every link the apps offer for `obj` to `user`, in a stable order."""
    links: list[Link] = []
    for provider in _providers():
        links.extend(provider(obj, user))
    return sorted(links, key=lambda link: link.order)  # stable: each provider keeps its order
