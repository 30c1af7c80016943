from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wirportal.accounts.roles import Role
from wirportal.core.forms import FilterForm
from wirportal.documents.forms import SafeFileField
from wirportal.offices.models import ConferenceRegion, Office, Organisation, RegionalActor

from .models import Event, EventKind, RegistrationStatus, WorkshopMode

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_PREFERENCES = 3


class EventFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("Alle")), *EventKind.choices]
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("Alle")), *ConferenceRegion.choices]
    )


class EventForm(forms.ModelForm):
    invited_roles = forms.MultipleChoiceField(
        label=_("Eingeladene Rollen"),
        required=False,
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Nur bei „Nur eingeladene Rollen“: wer die Veranstaltung sieht und sich anmelden darf."
        ),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "kind",
            "region",
            "host_office",
            "description",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "online_url",
            "registration_opens_at",
            "registration_closes_at",
            "audience",
            "invited_roles",
            "capacity",
            "workshop_mode",
            "exhibitor_slots",
            "email_confirmation",
            "retention_days",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "registration_opens_at": DATETIME,
            "registration_closes_at": DATETIME,
            "workshop_mode": forms.RadioSelect,
            "audience": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["invited_roles"] = self.instance.invited_role_list
        membership = getattr(user, "office_membership", None) if user is not None else None
        if user is not None and user.role == Role.COORDINATOR and not user.is_superuser:
            host = cast(forms.ModelChoiceField, self.fields["host_office"])
            host.queryset = Office.objects.filter(pk=membership.office_id if membership else 0)
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            cast(forms.DateTimeField, self.fields[name]).input_formats = [
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
                "%d.%m.%Y %H:%M",
            ]

    def clean_invited_roles(self):
        return Event.pack_roles(self.cleaned_data.get("invited_roles") or [])


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Titel des Forums"), max_length=200)
    capacity = forms.IntegerField(label=_("Plätze"), min_value=1, max_value=10000)
    moderation = forms.CharField(label=_("Moderation"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def _workshop_label(workshop) -> str:
    remaining = max(0, workshop.capacity - getattr(workshop, "taken", 0))
    if remaining:
        return _("%(title)s (noch %(n)d Plätze)") % {"title": workshop.title, "n": remaining}
    return _("%(title)s (ausgebucht – Warteliste)") % {"title": workshop.title}


class WorkshopChoiceMixin:
    """Adds the workshop fields: checkboxes (first come) or ranked preference selects."""

    fields: dict
    cleaned_data: dict

    def add_workshop_fields(self, event, workshops, initial_ids=()):
        self.event = event
        self.workshops = {str(w.pk): w for w in workshops}
        self.ranked = event.workshop_mode == WorkshopMode.RANKED
        if not workshops:
            return
        if self.ranked:
            count = min(MAX_PREFERENCES, len(workshops))
            choices = [("", _("– keine Angabe –")), *[(str(w.pk), w.title) for w in workshops]]
            for i in range(1, count + 1):
                self.fields[f"preference_{i}"] = forms.ChoiceField(
                    label=_("%(n)d. Wunsch") % {"n": i},
                    choices=choices,
                    required=i == 1,
                    initial=str(initial_ids[i - 1]) if len(initial_ids) >= i else "",
                )
        else:
            self.fields["workshops"] = forms.MultipleChoiceField(
                label=_("Foren"),
                required=False,
                choices=[(str(w.pk), _workshop_label(w)) for w in workshops],
                widget=forms.CheckboxSelectMultiple,
                initial=[str(pk) for pk in initial_ids],
                help_text=_("Ist ein Forum ausgebucht, kommen Sie auf dessen Warteliste."),
            )

    def chosen_workshops(self) -> list:
        if not self.workshops:
            return []
        if self.ranked:
            ids = [self.cleaned_data.get(f"preference_{i}") for i in range(1, MAX_PREFERENCES + 1)]
            return [self.workshops[i] for i in ids if i]
        return [self.workshops[i] for i in self.cleaned_data.get("workshops", [])]

    def clean_preferences(self):
        if self.workshops and self.ranked:
            ids = [self.cleaned_data.get(f"preference_{i}") for i in range(1, MAX_PREFERENCES + 1)]
            ids = [i for i in ids if i]
            if len(ids) != len(set(ids)):
                self.add_error(  # type: ignore[attr-defined]
                    "preference_2", _("Bitte wählen Sie jedes Forum nur einmal.")
                )


class RegistrationForm(WorkshopChoiceMixin, forms.Form):
    first_name = forms.CharField(
        label=_("Vorname"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nachname"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Hierhin senden wir die Bestätigung und den Link zum Ändern oder Stornieren."),
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    office = forms.ModelChoiceField(
        label=_("WIR-Einheit"),
        queryset=Office.objects.order_by("name"),
        required=False,
        empty_label=_("– keine Angabe –"),
        help_text=_("Die WIR-Einheit (Landkreis oder Stadt), für die Sie tätig sind."),
    )
    accessibility_needs = forms.CharField(
        label=_("Bedarfe für eine barrierefreie Teilnahme"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Zum Beispiel Gebärdensprachdolmetschung, Induktionsschleife, stufenloser Zugang."
        ),
    )
    dietary_needs = forms.CharField(
        label=_("Hinweise zur Verpflegung"),
        required=False,
        max_length=300,
        help_text=_("Zum Beispiel vegetarisch, vegan, Allergien."),
    )
    consent = forms.BooleanField(
        label=_(
            "Ich willige ein, dass meine Angaben zur Organisation der Veranstaltung verarbeitet "
            "werden. Sie werden nach Ablauf der Löschfrist gelöscht."
        ),
        error_messages={"required": _("Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein.")},
    )
    field_order = [
        "first_name",
        "last_name",
        "email",
        "organisation_name",
        "office",
        "workshops",
        "preference_1",
        "preference_2",
        "preference_3",
        "accessibility_needs",
        "dietary_needs",
        "consent",
    ]

    def __init__(self, *args, event, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_workshop_fields(event, workshops)
        self.order_fields(self.field_order)

    def clean(self):
        cleaned = super().clean()
        self.clean_preferences()
        return cleaned


class RegistrationChangeForm(WorkshopChoiceMixin, forms.Form):
    organisation_name = RegistrationForm.base_fields["organisation_name"]
    accessibility_needs = RegistrationForm.base_fields["accessibility_needs"]
    dietary_needs = RegistrationForm.base_fields["dietary_needs"]

    def __init__(self, *args, registration, workshops, allow_workshops: bool, **kwargs):
        initial = {
            "organisation_name": registration.organisation_name,
            "accessibility_needs": registration.accessibility_needs,
            "dietary_needs": registration.dietary_needs,
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        chosen = [c.workshop_id for c in registration.choices.all() if c.status != "not_assigned"]
        self.add_workshop_fields(registration.event, workshops if allow_workshops else [], chosen)

    def clean(self):
        cleaned = super().clean()
        self.clean_preferences()
        return cleaned


class RegistrationFilterForm(FilterForm):
    q = forms.CharField(label=_("Name, E-Mail oder Organisation"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *RegistrationStatus.choices]
    )


class CheckInSearchForm(FilterForm):
    q = forms.CharField(
        label=_("Name suchen"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class AssignmentForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Startwert der Losreihenfolge"),
        required=False,
        min_value=1,
        help_text=_(
            "Leer lassen für einen zufälligen Startwert; gleicher Startwert, gleiche Zuteilung."
        ),
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    file = SafeFileField(label=_("Datei"), allowed=("pdf",))


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Programmpunkt"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Beginn"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Ende"),
        required=False,
        widget=DATETIME,
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
    )
    speaker = forms.CharField(label=_("Mitwirkende"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end < start:
            self.add_error("ends_at", _("Das Ende liegt vor dem Beginn."))
        return cleaned


class ExhibitorForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Träger"),
        queryset=Organisation.objects.order_by("name"),
        help_text=_("Der geförderte Träger, der sein Projekt vorstellt."),
    )
    project_title = forms.CharField(label=_("Projekt"), max_length=200)


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Absage"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Steht in der E-Mail an alle Angemeldeten und auf der Seite der Veranstaltung."
        ),
        error_messages={"required": _("Bitte nennen Sie den Grund der Absage.")},
    )


class ActorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        if obj.is_public:
            return obj.name
        return _("%(name)s (Eintrag nicht öffentlich: wird nicht genannt)") % {"name": obj.name}


class EventParticipantsForm(forms.Form):
    """The units and regional actors taking part besides the host, and whether to name them."""

    offices = forms.ModelMultipleChoiceField(
        label=_("Beteiligte WIR-Einheiten"),
        queryset=Office.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Die gastgebende Einheit steht schon auf der Seite."),
    )
    actors = ActorChoiceField(
        label=_("Beteiligte regionale Akteure"),
        queryset=RegionalActor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Genannt werden nur Akteure, deren Eintrag öffentlich ist."),
    )
    published = forms.BooleanField(
        label=_("Auf der Seite der Veranstaltung und den Seiten der Einheiten nennen"),
        required=False,
    )

    def __init__(self, *args, event: Event, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "offices": list(event.participating_offices.all()),
                "actors": list(event.participating_actors.all()),
                "published": event.participants_published,
            },
        )
        super().__init__(*args, **kwargs)
        offices = cast(forms.ModelMultipleChoiceField, self.fields["offices"])
        offices.queryset = Office.objects.exclude(pk=event.host_office_id).order_by("name")
        actors = cast(forms.ModelMultipleChoiceField, self.fields["actors"])
        actors.queryset = RegionalActor.objects.order_by("name")


class ExhibitorChangeForm(ExhibitorForm):
    slot_number = forms.IntegerField(label=_("Stand Nr."), min_value=1, max_value=1000)
