"""Links from a unit's page to the events it hosts or takes part in (collected by core.links;
offices may not import events)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from wirportal.core.links import Link
from wirportal.offices.models import Office

from .selectors import upcoming_of_unit


def for_object(obj, user) -> list[Link]:
    if not isinstance(obj, Office):
        return []
    links = []
    for event in upcoming_of_unit(office=obj, user=user):
        when = (
            _("abgesagt")
            if event.is_cancelled
            else date_format(localtime(event.starts_at), "SHORT_DATETIME_FORMAT")
        )
        if event.host_office_id != obj.pk:
            when = _("beteiligt, %(when)s") % {"when": when}
        url = reverse("events:event-detail", kwargs={"slug": event.slug})
        links.append(Link(event.title, url, description=when, order=30))
    return links
