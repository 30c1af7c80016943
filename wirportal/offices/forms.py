from django import forms
from django.utils.translation import gettext_lazy as _

from .banking import normalise_iban
from .models import ConferenceRegion, Office, Organisation, OrganisationKind, UnitKind


class OfficeFilterForm(forms.Form):
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


class OrganisationFilterForm(forms.Form):
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
        value = self.cleaned_data["postcode"].strip()
        if not (len(value) == 5 and value.isdigit()):
            raise forms.ValidationError(_("Bitte geben Sie eine fünfstellige Postleitzahl an."))
        return value

    def clean_iban(self):
        return normalise_iban(self.cleaned_data.get("iban") or "")

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("iban") and not cleaned.get("account_holder"):
            self.add_error("account_holder", _("Bitte geben Sie an, auf wen das Konto lautet."))
        return cleaned


class AddMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse der Person"),
        help_text=_("Die Person muss sich bereits im Portal registriert haben."),
    )
    is_admin = forms.BooleanField(label=_("Darf Mitglieder verwalten"), required=False)
