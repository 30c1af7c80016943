from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wirportal.core.forms import FilterForm

from .banking import normalise_iban
from .models import (
    ActorKind,
    ConferenceRegion,
    Office,
    OfficeFunction,
    Organisation,
    OrganisationKind,
    RegionalActor,
    StaffEntry,
    UnitKind,
)


def _postcode(value: str) -> str:
    """A German postcode: five ASCII digits ('²'.isdigit() and '٣'.isdigit() are true too)."""
    value = value.strip()
    if not (len(value) == 5 and value.isascii() and value.isdigit()):
        raise forms.ValidationError(_("Bitte geben Sie eine fünfstellige Postleitzahl an."))
    return value


class OfficeFilterForm(FilterForm):
    q = forms.CharField(label=_("Name oder Schlüssel"), required=False)
    region = forms.ChoiceField(
        label=_("Konferenzregion"),
        required=False,
        choices=[("", _("Alle")), *list(ConferenceRegion.choices)],
    )
    kind = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("Alle")), *list(UnitKind.choices)]
    )


class OfficeRegionForm(forms.ModelForm):
    class Meta:
        model = Office
        fields = ["conference_region"]
        widgets = {"conference_region": forms.RadioSelect}


class OrganisationFilterForm(FilterForm):
    q = forms.CharField(label=_("Name oder Ort"), required=False)
    kind = forms.ChoiceField(
        label=_("Art des Trägers"),
        required=False,
        choices=[("", _("Alle")), *list(OrganisationKind.choices)],
    )


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "public_benefit",
            "register_number",
            "office",
            "street",
            "postcode",
            "city",
            "email",
            "phone",
            "website",
            "account_holder",
            "iban",
        ]
        widgets = {
            "street": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "postcode": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel"}),
            "iban": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        }
        help_texts = {
            "iban": _("Die BIC und das Kreditinstitut ermitteln wir aus der IBAN."),
            "office": _(
                "Die WIR-Einheit (Landkreis oder Stadt), in der der Träger seinen Sitz hat."
            ),
        }

    def clean_postcode(self):
        return _postcode(self.cleaned_data["postcode"])

    def clean_iban(self):
        return normalise_iban(self.cleaned_data.get("iban") or "")


class AddMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse der Person"),
        help_text=_(
            "Wir senden eine Einladung an diese Adresse. Wer noch kein Konto hat, registriert "
            "sich damit; Mitglied wird die Person, sobald sie die Einladung annimmt."
        ),
    )
    is_admin = forms.BooleanField(label=_("Darf Mitglieder verwalten"), required=False)


# --- network: office staff and regional actors ----------------------------------------------------


class _AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.email})"


class StaffEntryForm(forms.ModelForm):
    class Meta:
        model = StaffEntry
        fields = [
            "function",
            "name",
            "position_title",
            "email",
            "phone",
            "languages",
            "user",
            "sort_order",
            "publish",
            "publish_email",
            "publish_phone",
            "publish_languages",
        ]
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
        }
        field_classes = {"user": _AccountChoiceField}
        # the explanation stands above the form: hints next to checkboxes render too narrow
        help_texts = {"publish": ""}

    def __init__(self, *args, office: Office, **kwargs):
        super().__init__(*args, **kwargs)
        # only accounts bound to this unit can be linked (no list of every user of the portal)
        user_field = self.fields["user"]
        assert isinstance(user_field, forms.ModelChoiceField)
        user_field.empty_label = _("– kein Benutzerkonto –")
        user_field.queryset = (
            get_user_model()
            .objects.filter(office_membership__office=office)
            .order_by("last_name", "first_name")
        )

        function_field = self.fields["function"]
        assert isinstance(function_field, forms.ChoiceField)
        function_field.choices = [("", _("Bitte wählen")), *OfficeFunction.choices]

    def validate_constraints(self) -> None:
        # StaffEntry.clean() already reports the publication rule next to the field
        return


class StaffPublicationForm(forms.ModelForm):
    class Meta:
        model = StaffEntry
        fields = ["publish", "publish_email", "publish_phone", "publish_languages"]
        labels = {"publish": _("Ich willige ein, im öffentlichen Verzeichnis zu erscheinen")}
        help_texts = {"publish": ""}

    def validate_constraints(self) -> None:
        return


class ActorFilterForm(FilterForm):
    hide_optional_marker = True

    q = forms.CharField(label=_("Suche"), required=False)
    topic = forms.ChoiceField(label=_("Thema"), required=False)
    kind = forms.ChoiceField(
        label=_("Art"), required=False, choices=[("", _("Alle")), *list(ActorKind.choices)]
    )
    region = forms.ChoiceField(
        label=_("Konferenzregion"),
        required=False,
        choices=[("", _("Alle")), *list(ConferenceRegion.choices)],
    )
    office = forms.ChoiceField(label=_("WIR-Einheit"), required=False)

    def __init__(self, *args, topics, offices, **kwargs):
        super().__init__(*args, **kwargs)
        topic_field = self.fields["topic"]
        office_field = self.fields["office"]
        assert isinstance(topic_field, forms.ChoiceField)
        assert isinstance(office_field, forms.ChoiceField)
        topic_field.choices = [("", _("Alle")), *((t.slug, t.name) for t in topics)]
        office_field.choices = [("", _("Alle")), *((o.slug, o.name) for o in offices)]


class RegionalActorForm(forms.ModelForm):
    class Meta:
        model = RegionalActor
        fields = [
            "name",
            "kind",
            "topics",
            "offices",
            "owner_office",
            "description",
            "contact_person",
            "street",
            "postcode",
            "city",
            "email",
            "phone",
            "website",
            "is_public",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "offices": forms.SelectMultiple(attrs={"size": 8}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        labels = {"is_public": _("Auf den öffentlichen Seiten der WIR-Einheiten zeigen")}
        help_texts = {
            "offices": _("Die WIR-Einheiten, in denen der Akteur arbeitet (Mehrfachauswahl)."),
            "owner_office": _(
                "Nur diese WIR-Einheit ändert die Angaben; sie muss oben ausgewählt sein. "
                "Leer lassen: beim Anlegen die erste ausgewählte Einheit, beim Bearbeiten "
                "bleibt es, wie es ist."
            ),
            "contact_person": _("Nur mit Einverständnis der Person eintragen."),
            "is_public": "",
        }

    def __init__(self, *args, can_choose_offices: bool, **kwargs):
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [("", _("Bitte wählen")), *ActorKind.choices]
        if not can_choose_offices:
            # coordinators attach actors to their own unit only, which keeps them; the view sets it
            del self.fields["offices"]
            del self.fields["owner_office"]
        else:
            self.fields["offices"].required = True
            self.fields["offices"].error_messages["required"] = _(
                "Bitte wählen Sie mindestens eine WIR-Einheit."
            )

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode") or ""
        return _postcode(value) if value.strip() else ""
