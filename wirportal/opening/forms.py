from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wirportal.core.forms import DateInput
from wirportal.documents.forms import SafeFileField

from .models import MAX_LEVEL, ActionField, MeasureStatus


class StartForm(forms.Form):
    year = forms.IntegerField(label=_("Jahr"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class FieldAnswerForm(forms.Form):
    """Rating, evidence text and link per indicator of one field of action."""

    def __init__(self, *args, action_field: ActionField, levels: list[str], answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.action_field = action_field
        self.rows = []
        choices = [
            (str(level), levels[level] if level < len(levels) else str(level))
            for level in range(MAX_LEVEL + 1)
        ]
        for indicator in action_field.indicators.all():
            answer = answers.get(indicator.pk)
            key = str(indicator.pk)
            self.fields[f"rating_{key}"] = forms.TypedChoiceField(
                label=indicator.text,
                help_text=indicator.help_text,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=None if answer is None or answer.rating is None else str(answer.rating),
            )
            self.fields[f"evidence_{key}"] = forms.CharField(
                label=_("Beleg (Beschreibung)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.evidence if answer else "",
            )
            self.fields[f"url_{key}"] = forms.URLField(
                label=_("Beleg (Link)"),
                required=False,
                assume_scheme="https",
                initial=answer.evidence_url if answer else "",
            )
            self.rows.append(
                (
                    indicator,
                    self[f"rating_{key}"],
                    self[f"evidence_{key}"],
                    self[f"url_{key}"],
                    answer,
                )
            )

    def values(self) -> dict[int, dict]:
        """What can be read, by indicator: an unreadable input is left out (and stays shown)."""
        cleaned = getattr(self, "cleaned_data", {})
        values: dict[int, dict] = {}
        for indicator, *_rest in self.rows:
            key = str(indicator.pk)
            given = {}
            for name, target in (
                ("rating", "rating"),
                ("evidence", "evidence"),
                ("url", "evidence_url"),
            ):
                if f"{name}_{key}" in cleaned:
                    given[target] = cleaned[f"{name}_{key}"]
            values[indicator.pk] = given
        return values


class EvidenceUploadForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("Indikator"), coerce=int)
    file = SafeFileField(label=_("Datei"))

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            (i.pk, i.text) for i in indicators
        ]


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Dienstliche E-Mail-Adresse"),
        help_text=_("Die Person bekommt einen Link, mit dem sie ein Passwort festlegt."),
    )
    action_fields = forms.ModelMultipleChoiceField(
        label=_("Handlungsfelder, die sie beantworten darf"),
        queryset=ActionField.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_fields"].queryset = ActionField.objects.filter(  # type: ignore[attr-defined]
            questionnaire=questionnaire
        ).order_by("position")


class AcceptForm(forms.Form):
    password1 = forms.CharField(
        label=_("Passwort"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
        return cleaned


class VisibilityForm(forms.Form):
    named = forms.TypedChoiceField(
        label=_("Wie sehen andere WIR-Einheiten Ihr Profil?"),
        choices=[
            ("1", _("Namentlich: andere Einheiten sehen unser Profil im Vergleich")),
            ("0", _("Anonym: nur im Landesdurchschnitt, das Land sieht es ohne Namen")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("Maßnahme"), max_length=200)
    field = forms.ModelChoiceField(label=_("Handlungsfeld"), queryset=ActionField.objects.none())
    owner = forms.CharField(
        label=_("Verantwortlich"),
        max_length=160,
        help_text=_("Stelle oder Person, die sie umsetzt."),
    )
    deadline = forms.DateField(label=_("Frist"), widget=DateInput)

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = ActionField.objects.filter(  # type: ignore[attr-defined]
            questionnaire=questionnaire
        ).order_by("position")


class MeasureUpdateForm(MeasureForm):
    status = forms.ChoiceField(label=_("Stand"), choices=MeasureStatus.choices)
    completion_evidence = forms.CharField(
        label=_("Nachweis der Umsetzung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nötig für „Umgesetzt“: Beschluss, Dokument, Link oder kurze Beschreibung."),
    )


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    level_0 = forms.CharField(label=_("Stufe 0"), max_length=80)
    level_1 = forms.CharField(label=_("Stufe 1"), max_length=80)
    level_2 = forms.CharField(label=_("Stufe 2"), max_length=80)
    level_3 = forms.CharField(label=_("Stufe 3"), max_length=80)
    level_4 = forms.CharField(label=_("Stufe 4"), max_length=80)


class ActionFieldForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggestion_0 = forms.CharField(
        label=_("Empfehlung bei Stufe 0"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggestion_1 = forms.CharField(
        label=_("Empfehlung bei Stufe 1"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggestion_2 = forms.CharField(
        label=_("Empfehlung bei Stufe 2"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggestion_3 = forms.CharField(
        label=_("Empfehlung bei Stufe 3"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggestion_4 = forms.CharField(
        label=_("Empfehlung bei Stufe 4"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IndicatorForm(forms.Form):
    text = forms.CharField(label=_("Indikator"), max_length=300)
    help_text = forms.CharField(
        label=_("Erläuterung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
