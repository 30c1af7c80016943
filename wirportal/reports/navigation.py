from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.accounts.roles import LAND_ROLES, Role
from wirportal.core.navigation import NavItem


def items(user):
    # the navigation is rendered once per role: decided by the role, the page checks the rest
    if not user.is_authenticated or not (
        user.is_superuser or user.role in LAND_ROLES or user.role == Role.COORDINATOR
    ):
        return []
    return [
        NavItem(
            _("Auswertungen"),
            reverse("reports:dashboard"),
            order=75,
            description=_(
                "Haushalt, Anträge, Bearbeitungszeiten, Kennzahlen und Veranstaltungen mit "
                "Export als CSV und Excel."
            ),
        )
    ]
