from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    return [
        NavItem(
            _("Partnerschaft Land – Kommunen"),
            reverse("partnership:overview"),
            order=93,
            description=_(
                "Die 33 WIR-Einheiten im Vergleich: Fördermittel, Stellen, Träger, Netzwerk, "
                "Veranstaltungen und interkulturelle Öffnung – als Karte, Tabelle und offene Daten."
            ),
        )
    ]
