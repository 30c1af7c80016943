"""Demo data of the documents app: the labelled demo versions of ANBest-P and ANBest-GK, so that
demo decisions can be issued. Real deployments upload the official Hessian text instead."""

from .services import anbest_demo_load


def load() -> str:
    created = anbest_demo_load()
    return f"{created} ANBest-Demofassungen" if created else ""
