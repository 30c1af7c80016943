"""Link from a unit's page to its partnership page (collected by core.links; offices may not
import partnership). Uses the unit's current keys as the unit page prefetched them: no query."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.links import Link
from wirportal.offices.models import Office


def for_object(obj, user) -> list[Link]:
    keys = getattr(obj, "current_keys", None) if isinstance(obj, Office) else None
    if not keys:
        return []
    return [
        Link(
            _("Partnerschaft mit dem Land"),
            reverse("partnership:unit", kwargs={"key": keys[0].key}),
            description=_("Förderung je Jahr und Förderlinie, Stellen, Ergebnisse"),
            order=10,
        )
    ]
