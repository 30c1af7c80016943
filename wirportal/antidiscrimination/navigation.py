from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem

from .rules import is_antidiscrimination_staff


def items(user):
    found = [
        NavItem(
            _("Diskriminierung melden"),
            reverse("antidiscrimination:report"),
            order=90,
            description=_(
                "Benachteiligt wegen Herkunft, Religion, Geschlecht, Behinderung, Alter oder "
                "sexueller Identität? Melden Sie es – ohne Konto, auf Wunsch anonym."
            ),
        )
    ]
    if is_antidiscrimination_staff(user):
        found.insert(
            0,
            NavItem(
                _("Antidiskriminierung"),
                reverse("antidiscrimination:report-list"),
                order=20,
                description=_("Meldungen einordnen, beantworten, weitergeben; Statistik."),
            ),
        )
    return found
