from django.urls import reverse
from django.utils.translation import gettext as _

from wirportal.core.navigation import NavItem


def items(user):
    return [
        NavItem(
            _("Meine Übersicht") if user.is_authenticated else _("Überblick"),
            reverse("dashboards:start"),
            order=1,
            description=_("Was jetzt ansteht: Fristen, Aufgaben und die nächsten Schritte.")
            if user.is_authenticated
            else _("Das Programm, die nächsten Veranstaltungen und Ihre Ansprechpartner vor Ort."),
        )
    ]
