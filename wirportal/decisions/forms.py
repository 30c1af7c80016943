"""Forms of the decisions app: validation and widgets only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wirportal.applications.services import parse_money
from wirportal.core.forms import FilterForm
from wirportal.documents.forms import SafeFileField

from .models import DecisionStatus, Delivery, Outcome

SCAN_FILE_KINDS = ("pdf", "jpeg", "png")


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


# --- acceptance on paper, deadline extension, reinstatement ------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label, *, required_message=None, **kwargs) -> forms.DateField:
    messages = {"invalid": _("Bitte geben Sie ein gültiges Datum ein (TT.MM.JJJJ).")}
    if required_message is not None:
        messages["required"] = required_message
    return forms.DateField(
        label=label,
        required=required_message is not None,
        widget=DateInput,
        error_messages=messages,
        **kwargs,
    )


class PaperAcceptanceForm(forms.Form):
    received_on = _date_field(
        _("Eingang der Annahmeerklärung"),
        required_message=_("Bitte geben Sie das Eingangsdatum der Annahmeerklärung an."),
        help_text=_(
            "Tag, an dem die unterschriebene Erklärung bei der Bewilligungsbehörde eingegangen ist."
        ),
    )
    scan = SafeFileField(
        label=_("Scan der unterschriebenen Erklärung"),
        allowed=SCAN_FILE_KINDS,
        error_messages={
            "required": _("Bitte laden Sie den Scan der unterschriebenen Annahmeerklärung hoch.")
        },
    )
    bank_details_confirmed = forms.BooleanField(
        label=_("Die Erklärung bestätigt die oben genannte Bankverbindung des Trägers."),
        required=False,
    )


class ExtendDeadlineForm(forms.Form):
    new_deadline = _date_field(
        _("Neue Frist zur Annahme"),
        required_message=_("Bitte geben Sie die neue Frist an."),
        help_text=_("Ein Werktag nach der bisherigen Frist; auch rückwirkend möglich."),
    )
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Der Träger erhält die Begründung per E-Mail."),
        error_messages={"required": _("Bitte begründen Sie die Verlängerung.")},
    )


class ReinstateForm(forms.Form):
    requested_on = _date_field(
        _("Antrag auf Wiedereinsetzung gestellt am"),
        required_message=_("Bitte geben Sie an, wann die Wiedereinsetzung beantragt wurde."),
        help_text=_("Höchstens zwei Wochen nach dem Wegfall des Hindernisses."),
    )
    obstacle_ended_on = _date_field(
        _("Hindernis weggefallen am"),
        required_message=_("Bitte geben Sie an, wann das Hindernis weggefallen ist."),
        help_text=_("Zum Beispiel das Ende eines Krankenhausaufenthalts."),
    )
    reason = forms.CharField(
        label=_("Grund der Verhinderung ohne Verschulden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Die Tatsachen, die das fehlende Verschulden glaubhaft machen."),
        error_messages={
            "required": _("Bitte geben Sie an, warum die Frist ohne Verschulden versäumt wurde.")
        },
    )
    force_majeure = forms.BooleanField(
        label=_("Höhere Gewalt hat den Antrag innerhalb eines Jahres verhindert."), required=False
    )
    acceptance_made_up = forms.BooleanField(
        label=_("Die Annahme wurde mit dem Antrag nachgeholt (unterschriebene Erklärung)."),
        required=False,
    )
    received_on = _date_field(
        _("Eingang der nachgeholten Annahmeerklärung"),
        help_text=_("Nur wenn die Annahme nachgeholt wurde."),
    )
    scan = SafeFileField(
        label=_("Scan der unterschriebenen Erklärung"),
        allowed=SCAN_FILE_KINDS,
        required=False,
    )
    bank_details_confirmed = forms.BooleanField(
        label=_("Die Erklärung bestätigt die hinterlegte Bankverbindung des Trägers."),
        required=False,
    )
    new_deadline = _date_field(
        _("Neue Frist zur Annahme"),
        help_text=_(
            "Nur wenn die Annahme noch nicht nachgeholt wurde; ein Werktag in der Zukunft."
        ),
    )
