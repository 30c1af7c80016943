"""iCalendar (RFC 5545) for the feed of upcoming events and the attachment of confirmation mails.

The online meeting link is for registered people only: the public feed says "Online" as the
location, the personal calendar in a participant's mail carries the link (`for_participant`).
"""

from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .tokens import site_url


def _vevent(event, *, for_participant: bool) -> VEvent:
    item = VEvent()
    item.add("uid", f"event-{event.pk}@wir-portal.hessen")
    # the last change of the event, so the same event always gives the same bytes (cacheable)
    item.add("dtstamp", event.updated_at or timezone.now())
    item.add("dtstart", timezone.localtime(event.starts_at))
    item.add("dtend", timezone.localtime(event.ends_at))
    item.add("summary", event.title)
    location = (
        (event.online_url if for_participant else "Online")
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


_CACHE: dict[tuple, bytes] = {}
_CACHE_SIZE = 512


def calendar_for(events: Iterable, *, name: str, for_participant: bool = False) -> bytes:
    """The calendar for these events; built once per process and event version.

    Only a registered participant's own calendar (`for_participant=True`) has the online link.

    Building VTIMEZONE data (add_missing_timezones) costs tens of milliseconds, more than the rest of
    a registration, so the bytes are kept per (event, last change, status)."""
    events = list(events)
    key = (name, site_url(), for_participant, tuple((e.pk, e.updated_at, e.status) for e in events))
    cached = _CACHE.get(key)
    if cached is None:
        cached = _build(events, name=name, for_participant=for_participant)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = cached
    return cached


def _build(events: list, *, name: str, for_participant: bool) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Land Hessen//WIR-Portal//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_vevent(event, for_participant=for_participant))
    calendar.add_missing_timezones()
    return calendar.to_ical()
