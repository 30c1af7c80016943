"""Forms of the review: validation and widgets only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wirportal.applications.models import ApplicationStatus
from wirportal.core.forms import DateInput, FilterForm

from .models import ReviewCriterion

INBOX_STATUS_CHOICES = [
    ("", _("Alle offenen")),
    (ApplicationStatus.SUBMITTED, _("Eingereicht")),
    (ApplicationStatus.IN_REVIEW, _("In Prüfung")),
    (ApplicationStatus.CHANGES_REQUESTED, _("Nachbesserung angefordert")),
]


class InboxFilterForm(FilterForm):
    q = forms.CharField(label=_("Aktenzeichen, Titel oder Träger"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=INBOX_STATUS_CHOICES)
    line: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Förderlinie"), required=False, queryset=None, empty_label=_("Alle")
    )
    call: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Förderaufruf"), required=False, queryset=None, empty_label=_("Alle")
    )
    office: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("WIR-Einheit"), required=False, queryset=None, empty_label=_("Alle")
    )
    assignee = forms.ChoiceField(label=_("Zuständig"), required=False)

    def __init__(self, *args, lines, calls, offices, case_workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines  # type: ignore[attr-defined]
        self.fields["call"].queryset = calls  # type: ignore[attr-defined]
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle")),
            ("me", _("Mir zugewiesen")),
            ("none", _("Nicht zugewiesen")),
            *[(str(u.pk), u.get_full_name() or u.email) for u in case_workers],
        ]


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Zuständige Sachbearbeitung"), queryset=None, empty_label=None
    )

    def __init__(self, *args, case_workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = case_workers  # type: ignore[attr-defined]
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.email  # type: ignore[attr-defined]


class ReviewersForm(forms.Form):
    reviewers: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Gutachterinnen und Gutachter"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = reviewers  # type: ignore[attr-defined]
        self.fields["reviewers"].label_from_instance = lambda u: u.get_full_name() or u.email  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Vermerk (freiwillig)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ContentCheckForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Ergebnis der sachlichen Prüfung"),
        choices=[
            ("passed", _("Förderfähig, ohne Beanstandung")),
            ("concerns", _("Mit Beanstandungen")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Vermerk"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bei Beanstandungen bitte begründen."),
    )


class DocumentsRequestForm(forms.Form):
    missing = forms.MultipleChoiceField(
        label=_("Fehlende Unterlagen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Hinweis an den Träger"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deadline = forms.DateField(label=_("Frist"), widget=DateInput)

    def __init__(self, *args, labels: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["missing"].choices = [(label, label) for label in labels]  # type: ignore[attr-defined]


class ScoreForm(forms.Form):
    """One points field (and an optional comment) per criterion of the line."""

    def __init__(self, *args, criteria: list[ReviewCriterion], initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_scores = initial_scores or {}
        for criterion in criteria:
            existing = initial_scores.get(criterion.pk)
            self.fields[f"points_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.label} (Gewicht {criterion.weight})",
                help_text=criterion.description,
                choices=[(str(i), str(i)) for i in range(criterion.max_points + 1)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "portal-inline-radios"}),
                initial=str(existing.points) if existing else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Begründung zu „{criterion.label}“",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.comment if existing else "",
            )


class CriterionForm(forms.ModelForm):
    class Meta:
        model = ReviewCriterion
        fields = ["label", "description", "weight", "max_points"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
