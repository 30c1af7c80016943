"""Issue #12 in Chromium: the organiser names the participating units and actors by keyboard and
mouse, at 1280 and 390 px; the public event page then names them. axe and CSP on each page."""

import pytest
from django.urls import reverse

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.offices.tests.factories import RegionalActorFactory

from .factories import EventFactory

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def _check(page, failures, label):
    check_page(page, failures, label, screenshot=f"participants-{label}")


@pytest.mark.parametrize("width", [1280, 390])
def test_organiser_names_participants_by_keyboard_and_mouse(
    width, world, live_server, browser, settings
):
    settings.WIR_REQUIRE_STAFF_MFA = False
    event = EventFactory(title="Regionalkonferenz Nord", host_office=world["office_x"])
    actor = RegionalActorFactory(name="Sprachbrücke e. V.", is_public=True)
    other = world["office_y"]
    failures: list[str] = []

    page = login_context(browser, live_server, world.users["coordinator_x"]).new_page()
    page.set_viewport_size({"width": width, "height": 900})
    csp = watch_csp(page)
    page.goto(live_server.url + reverse("events:event-detail", args=[event.slug]))
    page.get_by_role("link", name="Beteiligte", exact=True).click()  # mouse
    page.get_by_role("heading", name="Beteiligte: Regionalkonferenz Nord").wait_for()
    _check(page, failures, f"form-{width}")

    page.get_by_label(other.name, exact=True).focus()  # keyboard: the unit and the publication
    page.keyboard.press("Space")
    page.get_by_label("Sprachbrücke e. V.").click()  # mouse: the actor
    page.get_by_label("Auf der Seite der Veranstaltung").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Beteiligte speichern").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Die Beteiligten sind gespeichert.").wait_for()
    assert list(event.participating_offices.all()) == [other]
    assert list(event.participating_actors.all()) == [actor]
    _check(page, failures, f"event-organiser-{width}")

    visitor = login_context(browser, live_server, None).new_page()
    visitor.set_viewport_size({"width": width, "height": 900})
    csp += watch_csp(visitor)
    visitor.goto(live_server.url + reverse("events:event-detail", args=[event.slug]))
    section = visitor.locator("section[aria-labelledby='participants-heading']")
    section.get_by_role("link", name=other.name).wait_for()
    assert "Sprachbrücke e. V." in section.inner_text()
    _check(visitor, failures, f"event-public-{width}")
    section.get_by_role("link", name=other.name).click()
    visitor.get_by_role("link", name="Regionalkonferenz Nord").wait_for()  # the unit lists it
    _check(visitor, failures, f"unit-{width}")
    assert not failures, "\n".join(failures)
    assert not csp, csp
