"""The settlement tests read the rows of the data migration 0002 (Basiszinssatz, retention
rules). A transactional test (browser, race) empties every table at its end, those rows with
them, and a later test of the same worker would find no rates: they are put back first."""

import importlib

import pytest


def _uses_database(request) -> str | None:
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return "transactional_db"
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        return "transactional_db"
    if marker is not None or "db" in request.fixturenames:
        return "db"
    return None


@pytest.fixture(autouse=True)
def _settlement_reference_data(request):
    fixture = _uses_database(request)
    if fixture is None:
        return
    request.getfixturevalue(fixture)
    from django.apps import apps

    from wirportal.settlement.models import BaseRate, RetentionRule

    if not (BaseRate.objects.exists() and RetentionRule.objects.exists()):
        migration = importlib.import_module("wirportal.settlement.migrations.0002_reference_data")
        migration.load(apps, None)
