from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    if not user.is_authenticated:
        return []
    return [
        NavItem(
            _("Mein Konto"),
            reverse("accounts:me"),
            order=90,
            description=_("Name, Passwort, Zwei-Faktor-Anmeldung und Sprache verwalten."),
        ),
    ]
