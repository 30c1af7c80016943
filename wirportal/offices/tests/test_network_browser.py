"""In Chromium: the directory filters live via htmx; a person publishes their own contact."""

import pytest
from django.urls import reverse

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.offices.models import Topic
from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


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
    failures: list[str] = []
    page.goto(live_server.url + reverse("offices:actor-list"))
    page.evaluate("window.__notReloaded = true")
    page.select_option("#id_topic", "sprache")
    page.wait_for_url("**topic=sprache**")
    page.locator("#results", has_text="1 Akteur gefunden").wait_for()
    assert page.locator("#results").inner_text().count("Sprachcafé Nordstadt") == 1
    assert "Wohnprojekt Süd" not in page.locator("#results").inner_text()
    assert page.evaluate("window.__notReloaded") is True  # swapped by htmx, not a new page
    check_page(page, failures, "directory after the htmx swap")
    context.close()

    context = login_context(browser, live_server, world.users["coordinator_x"])
    page = context.new_page()
    page.goto(live_server.url + reverse("offices:staff-publication", args=["kassel", entry.pk]))
    page.get_by_label("Ich willige ein").check()
    page.get_by_label("E-Mail-Adresse veröffentlichen").check()
    page.get_by_role("button", name="Auswahl speichern").click()
    page.wait_for_url("**/einheiten/kassel/")
    context.close()

    anonymous = login_context(browser, live_server, None).new_page()
    anonymous.goto(live_server.url + reverse("offices:office-detail", args=["kassel"]))
    team = anonymous.locator(".portal-grid").inner_text()
    assert "Fatma Muster" in team
    assert entry.email in team
    assert entry.phone not in team
    assert not csp, csp
    assert not failures, "\n".join(failures)
