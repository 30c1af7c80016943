from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    return [
        NavItem(
            _("Offene Daten"),
            reverse("opendata:index"),
            order=95,
            description=_(
                "Geförderte Projekte als offene Daten: CSV und JSON je Jahr, frei nutzbar."
            ),
        )
    ]
