"""Collects the access-matrix rows that every app declares in `wirportal/<app>/tests/matrix.py`."""

from importlib import import_module

from django.apps import apps

from wirportal.core.testing import Case


def matrix_modules():
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wirportal."):
            continue
        try:
            module = import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.matrix":
                raise
            continue
        modules.append(module)
    return modules


MODULES = matrix_modules()
CASES: list[Case] = [case for module in MODULES for case in module.CASES]


def build_world(world):
    """Let every app add its own objects (`build(world)` in its matrix module)."""
    for module in MODULES:
        builder = getattr(module, "build", None)
        if builder is not None:
            builder(world)
    return world
