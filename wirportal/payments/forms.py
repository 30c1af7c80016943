"""Forms of the payments app: validation and widgets only."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from wirportal.core.forms import DateInput, FilterForm
from wirportal.decisions.forms import MoneyField

from .models import RequestStatus


class CallDownForm(forms.Form):
    """Mittelabruf. The hidden token makes a re-sent form one request, not two."""

    amount = MoneyField(
        label=_("Abrufbetrag in Euro"),
        help_text=_("Zum Beispiel 1.950,00."),
    )
    needed_on = forms.DateField(
        label=_("Benötigt am"),
        widget=DateInput,
        help_text=_("Der Tag, an dem die Zahlungen fällig werden, für die Sie das Geld brauchen."),
    )
    due_expenses = MoneyField(
        label=_("Im Abrufzeitraum fällige Ausgaben in Euro"),
        required=False,
        help_text=_(
            "Pflicht bei Anteil- und Fehlbedarfsfinanzierung: die Ausgaben, die bis zu diesem "
            "Tag fällig werden. Abrufbar ist nur der Anteil der Zuwendung daran."
        ),
    )
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is None:
            raise forms.ValidationError(_("Bitte geben Sie den Abrufbetrag an."))
        return amount


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Ablehnung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Der Grund wird dem Träger per E-Mail mitgeteilt."),
    )


class RunForm(forms.Form):
    execution_date = forms.DateField(label=_("Ausführungsdatum"), widget=DateInput)


class RequestFilterForm(FilterForm):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *RequestStatus.choices],
    )
