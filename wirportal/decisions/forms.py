"""Forms of the decisions app: validation and widgets only."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from wirportal.applications.services import parse_money
from wirportal.core.forms import DateInput, FilterForm, add_domain_error
from wirportal.core.money import format_money
from wirportal.documents.forms import SafeFileField

from .models import DecisionStatus, Delivery, Outcome
from .selectors import plain_money

SCAN_FILE_KINDS = ("pdf", "jpeg", "png")


class MoneyField(forms.CharField):
    """Accepts German amounts ('12.345,67'); returns a Decimal or None."""

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_money(text or "")
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


@dataclass(frozen=True)
class CostRow:
    """One cost line of the plan on the form: its fields and what was applied for."""

    pk: int
    label: str
    requested: Decimal
    eligible: BoundField
    reason: BoundField


class ProposeForm(forms.Form):
    """The decision proposal: outcome, eligible costs per cost line (with reasons where they
    differ), the Bewilligungszeitraum, the amount and, for a multi-year grant, the amount per
    budget year. `lines` are (cost item id, label, requested costs); `years` the budget years of
    the application's period. The service checks every rule again."""

    outcome = forms.ChoiceField(
        label=_("Entscheidungsvorschlag"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    period_start = forms.DateField(
        label=_("Bewilligungszeitraum von"), required=False, widget=DateInput
    )
    period_end = forms.DateField(
        label=_("Bewilligungszeitraum bis"),
        required=False,
        widget=DateInput,
        help_text=_("Der Projektzeitraum des Antrags oder ein kürzerer Zeitraum darin."),
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
        help_text=_(
            "Pflicht bei Teilbewilligung und Ablehnung. Absätze durch eine Leerzeile trennen."
        ),
    )
    conditions = forms.CharField(
        label=_("Besondere Nebenbestimmungen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Nebenbestimmung je Zeile."),
    )

    def __init__(
        self,
        *args,
        lines: list[tuple[int, str, Decimal]] = (),  # type: ignore[assignment]
        years: list[int] = (),  # type: ignore[assignment]
        max_grant: Decimal | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        self.years = list(years) if len(years) > 1 else []
        self.year_errors: list[str] = []
        for pk, label, requested in self.lines:
            self.fields[f"eligible_{pk}"] = MoneyField(
                label=_("%(line)s: zuwendungsfähig in Euro") % {"line": label},
                required=False,
                initial=plain_money(requested),
                help_text=_("Beantragt: %(amount)s") % {"amount": format_money(requested)},
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("%(line)s: Begründung der Abweichung") % {"line": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Pflicht, wenn der Betrag vom beantragten abweicht."),
            )
        for year in self.years:
            self.fields[f"year_{year}"] = MoneyField(
                label=_("Haushaltsjahr %(year)s") % {"year": year}, required=False
            )
        if max_grant is not None:
            self.show_max_grant(max_grant)

    def show_max_grant(self, max_grant: Decimal) -> None:
        """Next to the amount: the highest grant the eligible costs allow."""
        text = _(
            "Höchstens %(max)s: aus den zuwendungsfähigen Ausgaben berechnet (keine "
            "Überfinanzierung, § 23 LHO) und nicht über der beantragten Zuwendung; leer = "
            "dieser Betrag."
        ) % {"max": format_money(max_grant)}
        self.fields["amount"].help_text = text
        self["amount"].help_text = text  # the bound field keeps its own copy

    def cost_rows(self) -> list[CostRow]:
        return [
            CostRow(pk, label, requested, self[f"eligible_{pk}"], self[f"reason_{pk}"])
            for pk, label, requested in self.lines
        ]

    def entered_eligible(self) -> dict[int, Decimal]:
        """The eligible costs entered that could be read (cost item id -> amount)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            pk: cleaned[f"eligible_{pk}"]
            for pk, _label, _requested in self.lines
            if cleaned.get(f"eligible_{pk}") is not None
        }

    def year_fields(self) -> list[BoundField]:
        return [self[f"year_{year}"] for year in self.years]

    def clean(self):
        cleaned = super().clean() or {}
        for pk, _label, requested in self.lines:
            value = cleaned.get(f"eligible_{pk}")
            if value is not None and value != requested and not cleaned.get(f"reason_{pk}"):
                self.add_error(
                    f"reason_{pk}",
                    _(
                        "Bitte begründen Sie, warum %(eligible)s statt %(requested)s "
                        "zuwendungsfähig sind."
                    )
                    % {"eligible": format_money(value), "requested": format_money(requested)},
                )
        return cleaned

    def show_error(self, error) -> None:
        """A service refusal next to its field; the sum of the yearly amounts next to them."""
        if getattr(error, "field", None) == "year_amounts" and self.years:
            self.year_errors.append(error.message)
            self.add_error(None, error.message)
        else:
            add_domain_error(self, error)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "amount": data.get("amount"),
            "reasons": data.get("reasons", ""),
            "conditions": data.get("conditions", ""),
            "period_start": data.get("period_start"),
            "period_end": data.get("period_end"),
            "eligible": {pk: data.get(f"eligible_{pk}") for pk, _l, _r in self.lines},
            "eligible_reasons": {pk: data.get(f"reason_{pk}", "") for pk, _l, _r in self.lines},
            "year_amounts": {year: data.get(f"year_{year}") for year in self.years},
        }


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
