"""Issue #12: check-in by keyboard: after each check-in the counter updates and the focus returns
to the search field (not to the page body)."""

import pytest
from django.urls import reverse

from tests.browser import login_context, requires_chromium
from wirportal.events.models import RegistrationStatus

from .factories import EventFactory, RegistrationFactory


@pytest.mark.django_db
def test_htmx_check_in_also_sends_the_new_counter(world, client):
    event = EventFactory(host_office=world["office_x"])
    registration = RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED)
    RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED)
    client.force_login(world.users["coordinator_x"])
    response = client.post(
        reverse("events:check-in-toggle", args=[event.slug, registration.pk]),
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'id="checkin-figures"' in body and 'hx-swap-oob="true"' in body
    assert "1 von 2 eingecheckt" in body


@pytest.mark.browser
@requires_chromium
@pytest.mark.django_db(transaction=True)
def test_keyboard_check_in_returns_focus_to_the_search(world, live_server, browser, settings):
    settings.WIR_REQUIRE_STAFF_MFA = False
    event = EventFactory(host_office=world["office_x"])
    RegistrationFactory(
        event=event, status=RegistrationStatus.CONFIRMED, last_name="Lovelace", first_name="Ada"
    )
    RegistrationFactory(event=event, status=RegistrationStatus.CONFIRMED)
    page = login_context(browser, live_server, world.users["coordinator_x"]).new_page()
    page.goto(live_server.url + reverse("events:check-in", args=[event.slug]))
    search = page.get_by_label("Name suchen")
    search.fill("Lovelace")
    page.locator("#results li").filter(has_text="Lovelace").first.wait_for()
    page.wait_for_timeout(500)
    button = page.locator("#results").get_by_role("button", name="Einchecken").first
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_text("1 von 2 eingecheckt").wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.name === 'q'")
