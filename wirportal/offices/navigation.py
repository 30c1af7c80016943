from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    result = [
        NavItem(
            _("WIR-Einheiten"),
            reverse("offices:office-list"),
            order=60,
            description=_(
                "Die 33 Landkreise, kreisfreien Städte und Sonderstatusstädte mit ihren Vielfaltszentren."
            ),
        ),
    ]
    if user.is_authenticated:
        result.append(
            NavItem(
                _("Träger"),
                reverse("offices:organisation-list"),
                order=40,
                description=_(
                    "Organisationen, die Förderung beantragen: Profil, Bankverbindung, Mitglieder."
                ),
            )
        )
        result.append(
            NavItem(
                _("Regionale Akteure"),
                reverse("offices:actor-list"),
                order=65,
                description=_(
                    "Wohlfahrtsverbände, Migrantenorganisationen, Vereine, Behörden und "
                    "Sprachkursträger im Netzwerk, nach Thema und Region."
                ),
            )
        )
    return result
