"""Links from an application's page to its review (collected by core.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.applications.models import Application, ApplicationStatus
from wirportal.core.links import Link


def for_object(obj, user) -> list[Link]:
    if not isinstance(obj, Application) or obj.status == ApplicationStatus.DRAFT:
        return []
    if not user.has_perm("reviews.view_review", obj):
        return []
    return [
        Link(
            _("Prüfung"),
            reverse("reviews:review-detail", kwargs={"pk": obj.pk}),
            description=_("Zuständigkeit, Prüfschritte und Bewertungen"),
            order=10,
        )
    ]
