from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.core.navigation import NavItem

SEES_PROOFS = {Role.APPLICANT, Role.CASE_WORKER, Role.PROGRAMME_STAFF, Role.AUDITOR}


def items(user):
    if not user.is_authenticated or not (user.is_superuser or user.role in SEES_PROOFS):
        return []
    return [
        NavItem(
            _("Verwendungsnachweise"),
            reverse("settlement:proof-list"),
            order=27,
            description=_("Sachbericht, zahlenmäßiger Nachweis, Prüfung und Schlussabrechnung."),
        )
    ]
