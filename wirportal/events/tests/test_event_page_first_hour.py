"""Issue #12: an event page links its host unit, offers "In den Kalender" (one .ics file for this
event), and puts the workshops under a heading that says what the choice is."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from wirportal.events.models import EventStatus, WorkshopMode
from wirportal.events.tests.factories import EventFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_event_page_links_the_host_unit_and_the_calendar_file(world, client):
    event = EventFactory(host_office=world["office_x"])
    body = client.get(reverse("events:event-detail", args=[event.slug])).content.decode()
    assert reverse("offices:office-detail", args=[world["office_x"].slug]) in body
    assert reverse("events:event-ical", args=[event.slug]) in body
    assert "In den Kalender" in body


def test_calendar_file_holds_this_event_only_without_the_online_link(world, client):
    event = EventFactory(title="Regionalkonferenz Nord", online_url="https://meet.example.org/x")
    EventFactory(title="Anderes Treffen")
    response = client.get(reverse("events:event-ical", args=[event.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    assert f'{event.slug}.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    summaries = [str(item["summary"]) for item in calendar.walk("VEVENT")]
    assert summaries == ["Regionalkonferenz Nord"]
    assert b"meet.example.org" not in response.content


def test_calendar_file_of_a_draft_is_not_found(world, client):
    event = EventFactory(status=EventStatus.DRAFT)
    assert client.get(reverse("events:event-ical", args=[event.slug])).status_code == 404


@pytest.mark.parametrize(
    ("mode", "heading"),
    [
        (WorkshopMode.FIRST_COME, "Foren: Sie wählen bei der Anmeldung ein Forum"),
        (WorkshopMode.RANKED, "Foren: Sie nennen bei der Anmeldung Ihre Wünsche"),
    ],
)
def test_workshops_heading_says_what_the_choice_is(world, client, mode, heading):
    event = EventFactory(workshop_mode=mode)
    WorkshopFactory(event=event)
    body = client.get(reverse("events:event-detail", args=[event.slug])).content.decode()
    assert heading in body
