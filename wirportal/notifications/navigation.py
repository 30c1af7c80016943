from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    if not user.has_perm("notifications.view_undelivered_mail"):
        return []
    return [
        NavItem(
            _("Unzugestellte E-Mails"),
            reverse("notifications:undelivered"),
            order=88,
            description=_(
                "E-Mails, die nicht versendet werden konnten oder zu lange warten; erneut senden."
            ),
        )
    ]
