from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.core.navigation import NavItem


def items(user):
    found = [
        NavItem(
            _("Angebote finden"),
            reverse("finder:search"),
            order=90,
            description=_(
                "Sprachkurse, Beratung und Begegnung in Ihrer Nähe – in sieben Sprachen."
            ),
        )
    ]
    if (
        user is not None
        and user.is_authenticated
        and user.role in (Role.APPLICANT, Role.COORDINATOR)
    ):
        found.append(NavItem(_("Angebote verwalten"), reverse("finder:manage"), order=91))
    return found
