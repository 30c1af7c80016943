"""Forms of the settlement app: parsing and widgets only; the rules are in the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wirportal.applications.services import parse_date, parse_units
from wirportal.core import numbers
from wirportal.decisions.forms import MoneyField
from wirportal.documents.forms import SafeFileField

from . import indicators as indicator_rules
from .models import CheckResult, IndicatorKind, LineIndicator, ProofOfUse


class UnitsField(forms.CharField):
    """Units in German notation ('12,5'); returns a Decimal or None."""

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_units(text or "")
        except numbers.InputError as error:
            raise forms.ValidationError(str(error)) from None


class DateField(forms.CharField):
    """A date as 01.03.2027 (or from a date input); returns a date or None."""

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_date(text or "")
        except numbers.InputError as error:
            raise forms.ValidationError(str(error)) from None


class IndicatorField(forms.CharField):
    """One indicator of the line, read by its kind (`indicators.parse_value`); Decimal or None."""

    def __init__(self, *, kind: str, **kwargs):
        self.kind = kind
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return indicator_rules.parse_value(self.kind, text or "")
        except numbers.InputError as error:
            raise forms.ValidationError(str(error)) from None


INDICATOR_HELP: dict[str, Any] = {
    IndicatorKind.WHOLE: _("Ganze Zahl ab 0."),
    IndicatorKind.PERCENT: _("Prozentwert von 0 bis 100, z. B. 72,5."),
    IndicatorKind.DECIMAL: _("Zahl ab 0, z. B. 12,5."),
}


class ProofForm(forms.Form):
    """The draft: Sachbericht with the line's indicators, funds actually used and one pair of
    fields per plan item."""

    # a draft: nothing is required before "Einreichen" (the services say what is missing then)
    hide_optional_marker = True

    report = forms.CharField(
        label=_("Sachbericht"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Was wurde durchgeführt, wer wurde erreicht, welche Ziele wurden erreicht, was ist "
            "anders gelaufen als geplant?"
        ),
    )
    own_funds = MoneyField(label=_("Eigenmittel (tatsächlich eingesetzt, Euro)"), required=False)
    third_party_funds = MoneyField(
        label=_("Drittmittel und Spenden (tatsächlich erhalten, Euro)"), required=False
    )

    def __init__(self, data=None, *, proof: ProofOfUse, indicators=()):
        """`indicators`: (LineIndicator, value) pairs of the line (`selectors.indicators_of`)."""
        initial = {
            "report": proof.report,
            "own_funds": _money(proof.own_funds),
            "third_party_funds": _money(proof.third_party_funds),
        }
        self.indicators: list[LineIndicator] = [indicator for indicator, _v in indicators]
        for indicator, value in indicators:
            initial[f"indicator_{indicator.key}"] = indicator_rules.shown(indicator.kind, value)
        self.rows = list(proof.cost_lines.all())
        for row in self.rows:
            initial[f"actual_{row.pk}"] = _money(row.actual)
            initial[f"units_{row.pk}"] = _units(row.units_held)
        super().__init__(data, initial=initial)
        for indicator in self.indicators:
            help_text = INDICATOR_HELP.get(indicator.kind, "")
            if indicator.required:
                help_text = _("%(help)s Pflichtangabe beim Einreichen.") % {"help": help_text}
            self.fields[f"indicator_{indicator.key}"] = IndicatorField(
                kind=indicator.kind,
                label=indicator.label,
                required=False,
                help_text=help_text,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        for row in self.rows:
            self.fields[f"actual_{row.pk}"] = MoneyField(
                label=_("Tatsächliche Ausgaben (Euro)"), required=False
            )
            if row.units_planned is not None:
                self.fields[f"units_{row.pk}"] = UnitsField(
                    label=_("Tatsächlich erbrachte Einheiten"),
                    required=False,
                    help_text=_("Laut Plan: %(units)s") % {"units": _units(row.units_planned)},
                )

    def indicator_fields(self):
        for indicator in self.indicators:
            yield self[f"indicator_{indicator.key}"]

    def indicator_values(self, *, valid_only: bool = False) -> dict:
        data = self.cleaned_data
        result = {}
        for indicator in self.indicators:
            name = f"indicator_{indicator.key}"
            if valid_only and name in self.errors:
                continue
            result[indicator.key] = data.get(name)
        return result

    def autosave_values(self) -> tuple[dict, dict, dict]:
        """What can be saved now (fields that could be read): plain fields, cost lines,
        indicators; a field with an error is left out (its input stays in the form)."""
        data, errors = self.cleaned_data, self.errors
        fields = {
            name: data.get(name)
            for name in ("report", "own_funds", "third_party_funds")
            if name not in errors
        }
        lines = {}
        for row in self.rows:
            actual, units = f"actual_{row.pk}", f"units_{row.pk}"
            if actual in errors or units in errors:
                continue
            lines[row.pk] = (data.get(actual), data.get(units))
        return fields, lines, self.indicator_values(valid_only=True)

    def line_fields(self):
        for row in self.rows:
            units = self[f"units_{row.pk}"] if f"units_{row.pk}" in self.fields else None
            yield row, self[f"actual_{row.pk}"], units

    def lines(self) -> dict:
        data = self.cleaned_data
        return {
            row.pk: (data.get(f"actual_{row.pk}"), data.get(f"units_{row.pk}")) for row in self.rows
        }


def _money(value):
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def _units(value):
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


class ReceiptForm(forms.Form):
    paid_on = DateField(
        label=_("Datum der Zahlung"),
        help_text=_("z. B. 01.03.2027"),
        error_messages={"required": _("Bitte geben Sie das Datum an.")},
    )
    payee = forms.CharField(
        label=_("Empfänger"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie den Empfänger an.")},
    )
    purpose = forms.CharField(
        label=_("Zweck"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie den Zweck an.")},
    )
    amount = MoneyField(
        label=_("Betrag (Euro)"), error_messages={"required": _("Bitte geben Sie den Betrag an.")}
    )


class CheckForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Ergebnis der Kurzprüfung"),
        choices=CheckResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie das Ergebnis der Prüfung.")},
    )
    note = forms.CharField(
        label=_("Vermerk"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pflicht bei Beanstandungen."),
    )


class InterimCheckForm(CheckForm):
    """The check of an interim proof with the year balance the case worker confirms (brief F2):
    what of the year's payments was spent (prefilled from the proof's figures)."""

    field_order = ["spent", "result", "note"]

    spent = MoneyField(
        label=_("Im Jahr aus der Zuwendung verausgabt (Euro)"),
        help_text=_(
            "Vorgeschlagen: tatsächliche Ausgaben abzüglich Eigen- und Drittmittel. Was von den "
            "Zahlungen des Jahres nicht verausgabt ist, wird mit der nächsten Zahlung verrechnet "
            "oder zurückgefordert."
        ),
        error_messages={
            "required": _("Bitte geben Sie an, wie viel der Zahlungen des Jahres verausgabt wurde.")
        },
    )


class SettleForm(forms.Form):
    """Nothing to type: what was paid comes from the grant's paid call-downs (payments)."""


class RecoveryForm(forms.Form):
    principal = MoneyField(
        label=_("Zu erstattender Betrag (Euro)"),
        error_messages={"required": _("Bitte geben Sie den zu erstattenden Betrag an.")},
    )
    in_full = forms.BooleanField(
        label=_("Bescheid in vollem Umfang widerrufen"),
        required=False,
        help_text=_(
            "Auch die noch nicht ausgezahlten Mittel werden frei; zu erstatten ist dann alles "
            "Ausgezahlte. Ohne Haken betrifft der Widerruf nur den zu erstattenden Betrag."
        ),
    )
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Bitte begründen Sie die Rückforderung.")},
    )
    effective_from = DateField(
        label=_("Unwirksam ab"),
        help_text=_("Bei einem Widerruf für die Vergangenheit: der Tag der Auszahlung."),
        error_messages={"required": _("Bitte geben Sie das Datum an.")},
    )
    facts_known_on = DateField(
        label=_("Tatsachen bekannt seit"),
        help_text=_("Der Widerruf ist nur innerhalb eines Jahres danach möglich."),
        error_messages={"required": _("Bitte geben Sie das Datum an.")},
    )
    hearing_posted_on = DateField(
        label=_("Anhörungsschreiben zur Post gegeben am"),
        error_messages={"required": _("Bitte geben Sie das Datum an.")},
    )


class RecoveryRevokeForm(forms.Form):
    statement = forms.CharField(
        label=_("Stellungnahme des Trägers (Zusammenfassung)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    waive_interest = forms.BooleanField(
        label=_("Auf die Zinsen verzichten (§ 49a Abs. 3 Satz 2 HVwVfG)"), required=False
    )
    waiver_reason = forms.CharField(
        label=_("Begründung des Zinsverzichts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Pflicht beim Verzicht, z. B. nicht zu vertreten und fristgerecht gezahlt."),
    )


class RepaymentForm(forms.Form):
    received_on = DateField(
        label=_("Eingegangen am"), error_messages={"required": _("Bitte geben Sie das Datum an.")}
    )
    amount = MoneyField(
        label=_("Betrag (Euro)"), error_messages={"required": _("Bitte geben Sie den Betrag an.")}
    )
    reference = forms.CharField(
        label=_("Verwendungszweck"),
        max_length=140,
        error_messages={"required": _("Bitte geben Sie den Verwendungszweck an.")},
    )


class ReceiptImportForm(forms.Form):
    file = SafeFileField(
        label=_("Belegliste als Datei (CSV oder XLSX)"),
        allowed={"csv", "xlsx"},
        help_text=_(
            "Erste Zeile: Datum, Empfänger, Zweck, Betrag; danach ein Beleg je Zeile. Enthält "
            "eine Zeile einen Fehler, wird nichts übernommen und die Zeile genannt."
        ),
        error_messages={"required": _("Bitte wählen Sie eine Datei.")},
    )
