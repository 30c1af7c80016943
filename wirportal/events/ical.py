"""iCalendar (RFC 5545) for the feed of upcoming events and the attachment of confirmation mails."""

from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .tokens import site_url


def _vevent(event) -> VEvent:
    item = VEvent()
    item.add("uid", f"event-{event.pk}@wir-portal.hessen")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", timezone.localtime(event.starts_at))
    item.add("dtend", timezone.localtime(event.ends_at))
    item.add("summary", event.title)
    location = (
        event.online_url
        if event.is_online
        else ", ".join(part for part in (event.venue, event.address) if part)
    )
    if location:
        item.add("location", location)
    if event.description:
        item.add("description", event.description)
    item.add("url", site_url().rstrip("/") + f"/veranstaltungen/{event.slug}/")
    if event.status == "cancelled":
        item.add("status", "CANCELLED")
    return item


def calendar_for(events: Iterable, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Land Hessen//WIR-Portal//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()
