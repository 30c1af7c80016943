from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.accounts.roles import LAND_ROLES, Role
from wirportal.core.navigation import NavItem


def items(user):
    # reviewers find their applications in the review inbox (reviews.navigation)
    if not user.is_authenticated or (user.role == Role.REVIEWER and not user.is_superuser):
        return []
    label = _("Meine Anträge") if user.role == Role.APPLICANT else _("Anträge")
    extra = []
    if user.is_superuser or user.role in LAND_ROLES:
        extra.append(
            NavItem(
                _("Vorzeitiger Maßnahmebeginn"),
                reverse("applications:early-start-list"),
                order=11,
                description=_("Anträge auf vorzeitigen Maßnahmebeginn prüfen und entscheiden."),
            )
        )
    return [
        *extra,
        NavItem(
            label,
            reverse("applications:application-list"),
            order=10,
            description=_("Anträge anlegen, zwischenspeichern, einreichen und verfolgen.")
            if user.role == Role.APPLICANT
            else _("Eingereichte Anträge ansehen, Stand und Änderungen verfolgen."),
        ),
    ]
