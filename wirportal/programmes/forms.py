"""Forms for programme staff; validation and widgets only (services do the writing)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wirportal.core.forms import DateInput, FilterForm
from wirportal.offices.models import Office, OrganisationKind

from .models import BudgetYear, Call, FundingLine, LineBudget, Programme, UnitRate


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "short_name", "description", "legal_basis", "valid_from", "valid_until"]
        widgets = {"valid_from": DateInput, "valid_until": DateInput}


class BudgetYearForm(forms.ModelForm):
    class Meta:
        model = BudgetYear
        fields = ["year", "total"]


class LinesField(forms.CharField):
    """One entry per line of a textarea <-> list of strings."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class _DefaultsWhenOmitted:
    """Choice fields with a model default may be left out of a post; they keep the default."""

    defaulted: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name in self.defaulted:
            self.fields[name].required = False  # type: ignore[attr-defined]

    def clean(self):
        cleaned = super().clean() or {}  # type: ignore[misc]
        for name in self.defaulted:
            if not cleaned.get(name):
                field = self._meta.model._meta.get_field(name)  # type: ignore[attr-defined]
                cleaned[name] = getattr(self.instance, name, None) or field.default  # type: ignore[attr-defined]
        return cleaned


class FundingLineForm(_DefaultsWhenOmitted, forms.ModelForm):
    defaulted = ("cap_level", "rounding", "proof_of_use_rule")

    eligible_kinds = forms.MultipleChoiceField(
        label=_("Antragsberechtigte Trägerarten"),
        choices=OrganisationKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    required_attachments = LinesField(
        label=_("Erforderliche Anlagen"),
        required=False,
        help_text=_("Eine Anlage je Zeile, z. B. „Konzept“ oder „Kosten- und Finanzierungsplan“."),
    )

    class Meta:
        model = FundingLine
        fields = [
            "code",
            "name",
            "description",
            "eligible_kinds",
            "financing_type",
            "rate",
            "cap",
            "cap_level",
            "rounding",
            "required_attachments",
            "allocated_per_office",
            "multi_year",
            "proof_of_use_rule",
        ]

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("financing_type") == "anteil" and cleaned.get("rate") is None:
            self.add_error("rate", _("Bei Anteilfinanzierung ist ein Fördersatz anzugeben."))
        return cleaned


class UnitRateForm(_DefaultsWhenOmitted, forms.ModelForm):
    defaulted = ("cap_level",)

    class Meta:
        model = UnitRate
        fields = ["code", "label", "unit", "amount", "max_units", "max_amount", "cap_level"]


class LineBudgetForm(forms.ModelForm):
    class Meta:
        model = LineBudget
        fields = ["year", "amount", "ve_amount", "ve_until_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ve_amount"].required = False

    def clean_ve_amount(self):
        return self.cleaned_data.get("ve_amount") or 0


class OfficeAllocationForm(forms.Form):
    office = forms.ModelChoiceField(
        label=_("WIR-Einheit"), queryset=Office.objects.order_by("name")
    )
    amount = forms.DecimalField(label=_("Kontingent"), max_digits=14, decimal_places=2, min_value=0)


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "title",
            "text",
            "first_year",
            "last_year",
            "opens_at",
            "closes_at",
            "extended_until",
        ]
        widgets = {"opens_at": DateInput, "closes_at": DateInput, "extended_until": DateInput}

    def clean(self):
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_at", _("Die Frist muss nach dem Beginn der Antragstellung liegen.")
            )
        first, last = cleaned.get("first_year"), cleaned.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("Das Endjahr liegt vor dem Anfangsjahr."))
        return cleaned


class BudgetYearFilterForm(FilterForm):
    jahr = forms.TypedChoiceField(label=_("Haushaltsjahr"), coerce=int, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["jahr"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(y, str(y)) for y in years]
