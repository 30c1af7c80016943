import csv
import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from wirportal.core.testing import assert_constant_queries
from wirportal.events.models import Registration, RegistrationStatus
from wirportal.events.tokens import parse_token, registration_token

from .factories import EventFactory, RegistrationFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def form_data(n, **extra):
    return {
        "first_name": "Ada",
        "last_name": f"Muster {n}",
        "email": f"ada{n}@example.org",
        "organisation_name": "Caritas",
        "consent": "on",
        **extra,
    }


@pytest.fixture
def event(world):
    return EventFactory(capacity=1, host_office=world["office_x"], slug="treffen")


def test_register_confirm_cancel_promote_check_in(
    event, client, login, world, mailoutbox, django_capture_on_commit_callbacks
):
    detail = client.get(reverse("events:event-detail", args=[event.slug]))
    assert "Noch 1 freier Platz." in detail.content.decode()
    url = reverse("events:event-register", args=[event.slug])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(1))
    first = Registration.objects.get(email="ada1@example.org")
    assert response.status_code == 302
    # The token carries a timestamp: compare what it names, not its text (a second may pass).
    manage_prefix = reverse("events:registration-manage", args=["x"]).removesuffix("x/")
    assert response["Location"].startswith(manage_prefix)
    assert parse_token(response["Location"].removeprefix(manage_prefix).rstrip("/")) == (
        first.pk,
        first.secret,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Ihr Platz ist bestätigt." in page
    with django_capture_on_commit_callbacks(execute=True):
        second_response = client.post(url, form_data(2))
    second = Registration.objects.get(email="ada2@example.org")
    assert second.status == RegistrationStatus.WAITING
    assert "Warteliste (Nummer 1)" in client.get(second_response["Location"]).content.decode()
    detail = client.get(reverse("events:event-detail", args=[event.slug]))
    assert "Alle Plätze sind vergeben" in detail.content.decode()

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:registration-cancel", args=[registration_token(first)]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert second.status == RegistrationStatus.CONFIRMED
    assert any(m.to == ["ada2@example.org"] and "Platz frei" in m.subject for m in mailoutbox)

    organiser = login(world.users["coordinator_x"])
    check_in = reverse("events:check-in", args=[event.slug])
    found = organiser.get(check_in, {"q": "Muster 2"}, headers={"HX-Request": "true"})
    assert "Muster 2" in found.content.decode() and "<h1" not in found.content.decode()
    row = organiser.post(
        reverse("events:check-in-toggle", args=[event.slug, second.pk]),
        headers={"HX-Request": "true"},
    )
    assert "rückgängig" in row.content.decode()
    second.refresh_from_db()
    assert second.checked_in_at is not None


def test_form_errors_come_back_with_what_was_typed(event, client):
    url = reverse("events:event-register", args=[event.slug])
    response = client.post(url, {**form_data(1), "consent": "", "email": "kaputt"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Bitte willigen Sie" in page
    assert 'value="Muster 1"' in page
    assert not Registration.objects.exists()


def test_posted_status_or_rank_is_ignored(event, client):
    client.post(
        reverse("events:event-register", args=[event.slug]),
        {**form_data(1), "status": "cancelled", "waiting_rank": "7", "event": "999"},
    )
    registration = Registration.objects.get()
    assert (registration.status, registration.waiting_rank, registration.event) == (
        RegistrationStatus.CONFIRMED,
        None,
        event,
    )


def test_duplicate_email_error_is_shown_next_to_the_field(event, client):
    url = reverse("events:event-register", args=[event.slug])
    client.post(url, form_data(1))
    response = client.post(url, form_data(1))
    assert response.status_code == 422
    assert "bereits eine Anmeldung" in response.content.decode()


def test_self_service_page_changes_needs(event, client):
    registration = RegistrationFactory(event=event)
    url = reverse("events:registration-manage", args=[registration_token(registration)])
    assert "no-store" in client.get(url)["Cache-Control"]  # personal data: never cached
    response = client.post(
        url,
        {"organisation_name": "AWO", "accessibility_needs": "Gebärdensprache", "dietary_needs": ""},
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.accessibility_needs == "Gebärdensprache"
    assert client.get(url.replace("/anmeldung/", "/anmeldung/x")).status_code == 404


def test_exports_are_excel_friendly(event, login, world):
    RegistrationFactory(event=event, last_name="=HYPERLINK()", first_name="Jörg")
    client = login(world.users["programme_staff"])
    response = client.get(reverse("events:registration-export", args=[event.slug, "csv"]))
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nachname"
    assert rows[1][:2] == ["'=HYPERLINK()", "Jörg"]
    assert response["Content-Disposition"].startswith("attachment;")

    xlsx = client.get(reverse("events:registration-export", args=[event.slug, "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["B2"].value == "Jörg"
    assert (
        client.get(reverse("events:registration-export", args=[event.slug, "pdf"])).status_code
        == 404
    )


def test_check_in_list_is_a_pdf(event, login, world):
    RegistrationFactory(event=event, last_name="Öztürk")
    response = login(world.users["coordinator_x"]).get(
        reverse("events:check-in-pdf", args=[event.slug])
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"


def test_ical_feed_lists_upcoming_public_events_only(event, client):
    EventFactory(title="Entwurf", status="draft")
    EventFactory(title="Nur Koordination", audience="invited", invited_roles=",coordinator,")
    response = client.get(reverse("events:ical-feed"))
    calendar = Calendar.from_ical(response.content)
    titles = [str(component["summary"]) for component in calendar.walk("VEVENT")]
    assert titles == [event.title]
    assert calendar.walk("VTIMEZONE")


def test_invited_events_are_invisible_to_others(world, client, login):
    hidden = EventFactory(audience="invited", invited_roles=",coordinator,", slug="intern")
    url = reverse("events:event-detail", args=[hidden.slug])
    assert client.get(url).status_code == 404
    assert login(world.users["applicant_a"]).get(url).status_code == 404
    assert login(world.users["coordinator_y"]).get(url).status_code == 200
    listing = login(world.users["applicant_a"]).get(reverse("events:event-list")).content.decode()
    assert "intern" not in listing


def test_foreign_coordinator_cannot_see_registrations(event, login, world):
    url = reverse("events:registration-list", args=[event.slug])
    assert login(world.users["coordinator_y"]).get(url).status_code == 403
    assert login(world.users["coordinator_x"]).get(url).status_code == 200


def test_event_list_has_constant_queries(world, client, django_assert_num_queries):
    EventFactory()

    def add_rows():
        for _ in range(5):
            event = EventFactory()
            RegistrationFactory(event=event)

    assert_constant_queries(
        django_assert_num_queries, lambda: client.get(reverse("events:event-list")), add_rows
    )


def test_event_page_has_constant_queries(event, client, django_assert_num_queries):
    url = reverse("events:event-detail", args=[event.slug])

    def add_rows():
        for _ in range(4):
            WorkshopFactory(event=event)
            RegistrationFactory(event=event)

    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), add_rows)


def test_registration_list_and_check_in_have_constant_queries(
    event, login, world, django_assert_num_queries
):
    client = login(world.users["coordinator_x"])
    workshop = WorkshopFactory(event=event)

    def add_rows():
        for _ in range(6):
            registration = RegistrationFactory(event=event)
            registration.choices.create(workshop=workshop, status="confirmed")

    RegistrationFactory(event=event)
    for name in ("events:registration-list", "events:check-in"):
        url = reverse(name, args=[event.slug])
        assert_constant_queries(
            django_assert_num_queries, lambda url=url: client.get(url), add_rows
        )


def test_organiser_creates_and_publishes_an_event(world, login):
    client = login(world.users["coordinator_x"])
    response = client.post(
        reverse("events:event-create"),
        {
            "title": "Vernetzungstreffen Nord",
            "slug": "vernetzung-nord",
            "kind": "networking",
            "region": "nord",
            "host_office": world["office_x"].pk,
            "starts_at": "2027-02-10T10:00",
            "ends_at": "2027-02-10T16:00",
            "venue": "Rathaus Kassel",
            "registration_opens_at": "2026-11-01T08:00",
            "registration_closes_at": "2027-02-01T23:59",
            "audience": "public",
            "capacity": "40",
            "workshop_mode": "first_come",
            "exhibitor_slots": "0",
            "retention_days": "90",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.post(reverse("events:event-publish", args=["vernetzung-nord"]))
    page = client.get(reverse("events:event-detail", args=["vernetzung-nord"]))
    assert "Jetzt anmelden" in page.content.decode()
    wrong = client.post(
        reverse("events:event-create"),
        {"title": "X", "slug": "x", "kind": "networking", "host_office": world["office_y"].pk},
    )
    assert wrong.status_code == 422
