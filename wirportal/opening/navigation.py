from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    if not user.has_perm("opening.view_index"):
        return []
    return [
        NavItem(
            _("Interkulturelle Öffnung"),
            reverse("opening:index"),
            order=58,
            description=_(
                "IKÖ-Selbstcheck nach den sieben Handlungsfeldern, Maßnahmenplan und Entwicklung "
                "über die Jahre."
            ),
        )
    ]
