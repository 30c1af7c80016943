"""In Chromium: the directory filters live via htmx; a person publishes their own contact."""

from importlib import import_module

import pytest
from django.urls import reverse

from tests.browser import login_context, requires_chromium, run_axe, watch_csp
from wirportal.offices.models import Topic
from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _empty_audit_log_before_flush(transactional_db):
    """SQLite's append-only trigger blocks the flush after a transactional test (same helper as in
    events; a shared conftest fixture is requested)."""
    yield
    from django.db import connection

    if connection.vendor != "sqlite":
        return  # PostgreSQL flushes with TRUNCATE, which the row trigger does not block
    trigger = import_module("wirportal.audit.migrations.0002_append_only_trigger").SQLITE_DELETE
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_auditentry_no_delete")
        cursor.execute("DELETE FROM audit_auditentry")
        cursor.execute(trigger)


def test_directory_filters_without_reload_and_publication_reaches_public_page(
    world, live_server, browser
):
    RegionalActorFactory(
        name="Sprachcafé Nordstadt", topics=[Topic.objects.get(slug="sprache")], is_public=True
    )
    RegionalActorFactory(name="Wohnprojekt Süd", topics=[Topic.objects.get(slug="wohnen")])
    entry = StaffEntryFactory(
        office=world["office_x"], user=world.users["coordinator_x"], name="Fatma Muster"
    )

    context = login_context(browser, live_server, world.users["applicant_a"])
    page = context.new_page()
    csp = watch_csp(page)
    page.goto(live_server.url + reverse("offices:actor-list"))
    page.evaluate("window.__notReloaded = true")
    page.select_option("#id_topic", "sprache")
    page.wait_for_url("**topic=sprache**")
    page.locator("#results", has_text="1 Akteur gefunden").wait_for()
    assert page.locator("#results").inner_text().count("Sprachcafé Nordstadt") == 1
    assert "Wohnprojekt Süd" not in page.locator("#results").inner_text()
    assert page.evaluate("window.__notReloaded") is True  # swapped by htmx, not a new page
    assert run_axe(page) == []
    context.close()

    context = login_context(browser, live_server, world.users["coordinator_x"])
    page = context.new_page()
    page.goto(live_server.url + reverse("offices:staff-publication", args=["kassel", entry.pk]))
    page.get_by_label("Ich willige ein").check()
    page.get_by_label("E-Mail-Adresse veröffentlichen").check()
    page.get_by_role("button", name="Auswahl speichern").click()
    page.wait_for_url("**/einheiten/kassel/")
    context.close()

    anonymous = browser.new_context(locale="de-DE").new_page()
    anonymous.goto(live_server.url + reverse("offices:office-detail", args=["kassel"]))
    team = anonymous.locator(".portal-grid").inner_text()
    assert "Fatma Muster" in team
    assert entry.email in team
    assert entry.phone not in team
    assert not csp, csp
