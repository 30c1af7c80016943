from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    if not user.has_perm("documents.manage_anbest"):
        return []
    return [
        NavItem(
            _("Nebenbestimmungen (ANBest)"),
            reverse("documents:anbest-versions"),
            order=75,
            description=_(
                "Fassungen der ANBest-P und ANBest-GK, die jeder Zuwendungsbescheid einbettet."
            ),
        )
    ]
