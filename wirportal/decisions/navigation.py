from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.accounts.roles import Role
from wirportal.core.navigation import NavItem

SEES_DECISIONS = {Role.APPLICANT, Role.CASE_WORKER, Role.PROGRAMME_STAFF, Role.AUDITOR}


def items(user):
    if not user.is_authenticated or not (user.is_superuser or user.role in SEES_DECISIONS):
        return []
    label = _("Meine Bescheide") if user.role == Role.APPLICANT else _("Entscheidungen")
    return [
        NavItem(
            label,
            reverse("decisions:decision-list"),
            order=25,
            description=_("Förderentscheidungen, Zuwendungsbescheide und Annahmeerklärungen."),
        )
    ]
