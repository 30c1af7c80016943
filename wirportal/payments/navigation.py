from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.core.navigation import NavItem

SEES_PAYMENTS = {Role.APPLICANT, Role.CASE_WORKER, Role.PROGRAMME_STAFF, Role.AUDITOR}


def items(user):
    if not user.is_authenticated or not (user.is_superuser or user.role in SEES_PAYMENTS):
        return []
    return [
        NavItem(
            _("Mittelabrufe"),
            reverse("payments:request-list"),
            order=27,
            description=_("Mittelabrufe, Anordnung der Zahlungen und Zahlläufe."),
        )
    ]
