"""In Chromium: register → confirm → cancel → promote → check in, and axe on every events page."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.events.models import Registration, RegistrationStatus

from . import matrix
from .factories import EventFactory

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def _register(page, base, slug, n):
    page.goto(f"{base}/veranstaltungen/{slug}/")
    page.get_by_role("link", name=re.compile("Jetzt anmelden|Auf die Warteliste")).click()
    page.get_by_label("Vorname").fill("Ada")
    page.get_by_label("Nachname").fill(f"Lovelace {n}")
    page.get_by_label("E-Mail-Adresse").fill(f"ada{n}@example.org")
    page.get_by_label(re.compile("Ich willige ein")).check()
    page.get_by_role("button", name="Verbindlich anmelden").click()


def test_register_confirm_cancel_promote_check_in(world, live_server, browser):
    event = EventFactory(capacity=1, host_office=world["office_x"], slug="browser-treffen")
    failures: list[str] = []

    first = login_context(browser, live_server, None).new_page()
    csp = watch_csp(first)
    first.goto(f"{live_server.url}/veranstaltungen/{event.slug}/")
    assert "Noch 1 freier Platz." in first.content()
    check_page(first, failures, "event page")
    # a form error first: everything typed stays, the error sits next to the field
    first.get_by_role("link", name="Jetzt anmelden").click()
    first.get_by_label("Vorname").fill("Ada")
    first.get_by_role("button", name="Verbindlich anmelden").click()
    assert first.get_by_label("Vorname").input_value() == "Ada"
    assert "Bitte willigen Sie" in first.content()
    check_page(first, failures, "register form with errors")
    _register(first, live_server.url, event.slug, 1)
    first.get_by_text("Ihr Platz ist bestätigt.").wait_for()
    check_page(first, failures, "confirmation")
    manage_url = first.url

    second = login_context(browser, live_server, None).new_page()
    _register(second, live_server.url, event.slug, 2)
    second.get_by_text("Sie stehen auf der Warteliste (Nummer 1).").wait_for()

    first.goto(manage_url)
    first.get_by_role("link", name="Anmeldung stornieren").click()
    check_page(first, failures, "cancel question")
    first.get_by_role("button", name="Ja, Anmeldung stornieren").click()
    first.get_by_text("Diese Anmeldung ist storniert.").wait_for()
    promoted = Registration.objects.get(email="ada2@example.org")
    assert promoted.status == RegistrationStatus.CONFIRMED
    second.reload()
    second.get_by_text("Ihr Platz ist bestätigt.").wait_for()

    organiser = login_context(browser, live_server, world.users["coordinator_x"])
    phone = organiser.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    csp += watch_csp(phone)
    phone.goto(live_server.url + reverse("events:check-in", args=[event.slug]))
    phone.get_by_label("Name suchen").fill("Lovelace 2")
    phone.get_by_role("button", name="Einchecken").click()
    phone.get_by_role("button", name=re.compile("rückgängig")).wait_for()
    check_page(phone, failures, "check-in after htmx swap")
    promoted.refresh_from_db()
    assert promoted.checked_in_at is not None
    assert not failures, "\n".join(failures)
    assert not csp, csp


@pytest.mark.parametrize("width", [390, 1280])
def test_double_opt_in_and_the_rate_limit_message(width, world, live_server, browser, settings):
    """Issue #9 in Chromium: the 'look into your mailbox' page, the 429 message on the form with
    the input kept, the pending state and its confirmation button; axe and CSP on each."""
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "event_registration_network": "1/h/key",
    }
    event = EventFactory(capacity=5, slug="bestaetigung", email_confirmation=True)
    failures: list[str] = []
    page = login_context(browser, live_server, None).new_page()
    page.set_viewport_size({"width": width, "height": 900})
    csp = watch_csp(page)

    _register(page, live_server.url, event.slug, 1)
    page.get_by_role("heading", name="Bitte bestätigen Sie Ihre Anmeldung").wait_for()
    check_page(page, failures, "pending page", screenshot="pending")

    _register(page, live_server.url, event.slug, 2)  # the same network again: refused
    page.get_by_text("Aus Ihrem Netz kamen in kurzer Zeit sehr viele Anmeldungen").wait_for()
    assert page.get_by_label("Nachname").input_value() == "Lovelace 2"
    check_page(page, failures, "register form, rate limit", screenshot="register-429")

    (message,) = [m for m in mail.outbox if m.to == ["ada1@example.org"]]
    link = next(line for line in message.body.splitlines() if "/veranstaltungen/anmeldung/" in line)
    page.goto(live_server.url + link.strip().removeprefix("http://127.0.0.1:8000"))
    page.get_by_text("Bitte bestätigen Sie Ihre Anmeldung.").wait_for()
    check_page(page, failures, "manage page, pending", screenshot="manage-pending")
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    page.get_by_text("Ihr Platz ist bestätigt.").wait_for()
    assert Registration.objects.get(email="ada1@example.org").status == "confirmed"
    cache.clear()
    assert not failures, "\n".join(failures)
    assert not csp, csp


HTML_PAGES = {
    "events:event-list",
    "events:event-detail",
    "events:event-register",
    "events:registration-manage",
    "events:registration-pending",
    "events:event-create",
    "events:event-update",
    "events:workshop-add",
    "events:agenda-item-add",
    "events:exhibitor-add",
    "events:registration-list",
    "events:check-in",
    "events:assignment",
    "events:material-upload",
    "events:event-cancel",
    "events:event-participants",
    "events:agenda-item-update",
    "events:agenda-item-delete",
    "events:workshop-update",
    "events:workshop-delete",
    "events:exhibitor-update",
    "events:exhibitor-delete",
}


@pytest.mark.parametrize("role", ["anonymous", "coordinator_x"])
def test_every_events_page_passes_axe(role, world, live_server, browser):
    matrix.build(world)
    context = login_context(browser, live_server, world.users[role])
    page = context.new_page()
    csp = watch_csp(page)
    failures: list[str] = []
    for case in matrix.CASES:
        if case.method != "get" or case.url_name not in HTML_PAGES or role not in case.allowed:
            continue
        url = reverse(case.url_name, kwargs=case.kwargs(world))
        response = page.goto(live_server.url + url)
        assert response is not None and response.status < 400, (url, response and response.status)
        check_page(page, failures, url)
    context.close()
    assert not failures, "\n".join(failures)
    assert not csp, csp
