from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    result = [
        NavItem(
            _("Förderaufrufe"),
            reverse("programmes:call-list"),
            order=20,
            description=_("Offene Förderaufrufe des Landesprogramms WIR mit Fristen."),
        ),
        NavItem(
            _("Förderprogramme"),
            reverse("programmes:programme-list"),
            order=70,
            description=_("Programme, Förderlinien, Finanzierungsarten und Pauschalen."),
        ),
    ]
    if user.has_perm("programmes.view_budget"):
        result.append(
            NavItem(
                _("Haushalt"),
                reverse("programmes:budget-overview"),
                order=30,
                description=_("Ansatz, Bindungen, Auszahlungen und freie Mittel je Förderlinie."),
            )
        )
    return result
