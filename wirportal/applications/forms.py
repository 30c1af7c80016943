"""Forms of the applications app: validation and widgets only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wirportal.core.forms import DateInput, FilterForm
from wirportal.documents.forms import SafeFileField

from .models import ApplicationStatus


class StartApplicationForm(forms.Form):
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Träger"), queryset=None, empty_label=None
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class AttachmentForm(forms.Form):
    label = forms.ChoiceField(label=_("Anlage"))
    file = SafeFileField(label=_("Datei"), allowed=("pdf",))

    def __init__(self, *args, labels: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["label"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(label, label) for label in labels] + [
            ("Sonstige Anlage", _("Sonstige Anlage"))
        ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund (freiwillig)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApplicationFilterForm(FilterForm):
    q = forms.CharField(label=_("Aktenzeichen, Titel oder Träger"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle")), *list(ApplicationStatus.choices)],
    )


def _money_text(value) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def editor_values(application, cost_items, sources, others=()) -> dict[str, str]:
    """What each input of the draft editor shows: the stored value or, if invalid, what was typed."""
    values: dict[str, str] = {
        "title": application.title,
        "summary": application.summary,
        "goals": application.goals,
        "period_start": application.period_start.isoformat() if application.period_start else "",
        "period_end": application.period_end.isoformat() if application.period_end else "",
        "participants_planned": ""
        if application.participants_planned is None
        else str(application.participants_planned),
    }
    for item in cost_items:
        values[f"cost-{item.pk}-description"] = item.description
        values[f"cost-{item.pk}-amount"] = _money_text(item.amount)
        values[f"cost-{item.pk}-units"] = (
            "" if item.units is None else f"{item.units:g}".replace(".", ",")
        )
        values[f"cost-{item.pk}-count"] = str(item.count)
    for source in sources:
        values[f"source-{source.pk}-name"] = source.name
        values[f"source-{source.pk}-amount"] = _money_text(source.amount)
    for other in others:
        values[f"other-{other.pk}-funder"] = other.funder
        values[f"other-{other.pk}-amount"] = _money_text(other.amount)
        values[f"other-{other.pk}-on"] = other.on.isoformat() if other.on else ""
    for key, entry in (application.invalid_input or {}).items():
        values[key] = entry.get("value", "")
    return values


class EarlyStartRequestForm(forms.Form):
    """The applicant's request for consent to an early start (vorzeitiger Maßnahmebeginn)."""

    project_title = forms.CharField(label=_("Projekttitel"), max_length=200)
    planned_start = forms.DateField(
        label=_("Gewünschter Beginn"),
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Ab diesem Tag möchten Sie Verträge schließen oder mit dem Projekt beginnen."),
    )
    reasons = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Warum muss das Projekt vor der Bewilligung beginnen?"),
    )
    contracts = forms.CharField(
        label=_("Verträge, die vor der Bewilligung geschlossen werden sollen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Zum Beispiel Honorar-, Miet- oder Lieferverträge, mit Vertragspartner und Betrag. "
            "Schon der Abschluss eines solchen Vertrags gilt als Beginn."
        ),
    )


class EarlyStartDecisionForm(forms.Form):
    """The case worker's decision on an early start: consent (from a date) or refusal."""

    decision = forms.ChoiceField(
        label=_("Entscheidung"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", _("Dem vorzeitigen Maßnahmebeginn zustimmen")),
            ("refuse", _("Den vorzeitigen Maßnahmebeginn ablehnen")),
        ],
    )
    approved_start = forms.DateField(
        label=_("Zugestimmter Beginn (bei Zustimmung)"),
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        required=False,
    )
    reasons = forms.CharField(
        label=_("Begründung (bei Ablehnung erforderlich)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
