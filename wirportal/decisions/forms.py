"""Forms of the decisions app: validation and widgets only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wirportal.applications.services import parse_money
from wirportal.core.forms import FilterForm

from .models import DecisionStatus, Delivery, Outcome


class MoneyField(forms.CharField):
    """Accepts German amounts ('12.345,67'); returns a Decimal or None."""

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_money(text or "")
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class ProposeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Entscheidungsvorschlag"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    amount = MoneyField(
        label=_("Betrag in Euro"),
        required=False,
        help_text=_(
            "Bei Bewilligung höchstens die beantragte Zuwendung; leer = beantragter Betrag."
        ),
    )
    reasons = forms.CharField(
        label=_("Begründung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pflicht bei Teilbewilligung und Ablehnung."),
    )
    conditions = forms.CharField(
        label=_("Besondere Nebenbestimmungen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Nebenbestimmung je Zeile."),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Rückgabe"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RevokeForm(forms.Form):
    """Step 1 asks for the reason; step 2 (`confirmed`) sends it again after the summary."""

    reason = forms.CharField(
        label=_("Begründung des Widerrufs"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die Begründung wird dem Träger per E-Mail mitgeteilt."),
        error_messages={"required": _("Bitte begründen Sie den Widerruf.")},
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class AcceptForm(forms.Form):
    bank_details_confirmed = forms.BooleanField(
        label=_("Ich bestätige die oben genannte Bankverbindung des Trägers."), required=False
    )
    declaration = forms.BooleanField(
        label=_(
            "Ich nehme den Zuwendungsbescheid einschließlich der Nebenbestimmungen an und "
            "verzichte nicht auf Rechtsbehelfe."
        ),
        required=True,
        error_messages={"required": _("Bitte bestätigen Sie die Annahme des Bescheids.")},
    )


class DecisionFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *DecisionStatus.choices]
    )


class IssueForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Bekanntgabe des Bescheids"),
        choices=Delivery.choices,
        initial=Delivery.POST,
        widget=forms.RadioSelect,
        help_text=_(
            "Per Post: bekanntgegeben am dritten Tag nach der Aufgabe zur Post. Zum Abruf im "
            "Portal (nur mit Einwilligung des Trägers): bekanntgegeben am Tag nach dem ersten "
            "Abruf; ohne Abruf binnen zehn Tagen keine Bekanntgabe."
        ),
    )
