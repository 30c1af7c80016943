from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    if not user.is_authenticated or not user.has_perm("reviews.view_inbox"):
        return []
    return [
        NavItem(
            _("Antragsprüfung"),
            reverse("reviews:inbox"),
            order=20,
            description=_("Eingereichte Anträge prüfen, zuweisen, bewerten."),
        )
    ]
