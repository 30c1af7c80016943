"""Issue #9: the online meeting link goes to registered people only, never into the public feed."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from wirportal.events import services
from wirportal.events.models import EventKind

from .factories import EventFactory

pytestmark = pytest.mark.django_db

MEETING = "https://konferenz.example.org/geheimer-raum-4711"


@pytest.fixture
def online_event(reference_data):
    return EventFactory(kind=EventKind.ONLINE, online_url=MEETING, venue="", address="")


def test_public_ical_feed_does_not_contain_the_online_meeting_link(online_event, client):
    response = client.get(reverse("events:ical-feed"))
    assert response.status_code == 200
    assert MEETING.encode() not in response.content
    (item,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(item["summary"]) == online_event.title
    assert str(item["location"]) == "Online"


def test_the_confirmation_mail_and_its_ics_still_carry_the_link(
    online_event, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(
            event=online_event,
            by=None,
            first_name="Ada",
            last_name="Muster",
            email="ada@example.org",
            consent=True,
        )
    (mail,) = mailoutbox
    assert MEETING in mail.body
    (item,) = Calendar.from_ical(mail.attachments[0][1]).walk("VEVENT")
    assert str(item["location"]) == MEETING
