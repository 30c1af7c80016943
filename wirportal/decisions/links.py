"""Links from an application's page to its decision summary and its decisions (core.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.applications.models import Application, ApplicationStatus
from wirportal.core.links import Link

from .selectors import decision_links_of_application


def for_object(obj, user) -> list[Link]:
    if not isinstance(obj, Application) or obj.status == ApplicationStatus.DRAFT:
        return []
    links = []
    if user.has_perm("decisions.view_summary", obj):
        links.append(
            Link(
                _("Entscheidungsübersicht"),
                reverse("decisions:summary", kwargs={"pk": obj.pk}),
                description=_("Prüfergebnisse, Budget und Entscheidungsvorschlag"),
                order=20,
            )
        )
    # one query for every decision the user may see (the same scope as the decision pages)
    for decision in decision_links_of_application(application=obj, user=user):
        links.append(
            Link(
                _("Entscheidung: %(outcome)s") % {"outcome": decision.get_outcome_display()},
                reverse("decisions:decision-detail", kwargs={"pk": decision.pk}),
                description=str(decision.get_status_display()),
                order=30,
            )
        )
    return links
