from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    return [
        NavItem(
            _("Veranstaltungen"),
            reverse("events:event-list"),
            order=55,
            description=_(
                "Regionalkonferenzen, Vernetzungstreffen und Fortbildungen: Programm, freie Plätze, Anmeldung."
            ),
        )
    ]
