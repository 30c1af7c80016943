"""Links from a unit's page to the events it hosts (collected by core.links; offices may not
import events)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from wirportal.core.links import Link
from wirportal.offices.models import Office

from .selectors import upcoming_hosted_by


def for_object(obj, user) -> list[Link]:
    if not isinstance(obj, Office):
        return []
    return [
        Link(
            event.title,
            reverse("events:event-detail", kwargs={"slug": event.slug}),
            description=(
                _("abgesagt")
                if event.is_cancelled
                else date_format(localtime(event.starts_at), "SHORT_DATETIME_FORMAT")
            ),
            order=30,
        )
        for event in upcoming_hosted_by(office=obj, user=user)
    ]
