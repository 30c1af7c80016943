"""Forms of the report channel. The public form works without JavaScript and without account."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wirportal.core.forms import DateInput
from wirportal.documents.forms import SafeMultipleFileField
from wirportal.documents.validation import megabytes
from wirportal.offices.models import Office

from .models import CounsellingCentre, Ground, LifeArea, ReportStatus
from .sanitize import ALLOWED

MAX_FILES = 3
# each file, and all files of one report or addition together (issue #16: a size limit)
FILE_MAX_BYTES = 10 * 1024 * 1024
TEXT_MAX = 10_000


class EvidenceField(SafeMultipleFileField):
    """Up to MAX_FILES pictures or PDFs, each checked by the shared upload validator."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            format_lazy(
                _(
                    "Bis zu {n} Fotos oder PDF-Dateien, zusammen höchstens {size}. Wir entfernen "
                    "Angaben wie Ort, Kamera oder Verfasser aus den Dateien."
                ),
                n=MAX_FILES,
                size=megabytes(FILE_MAX_BYTES),
            ),
        )
        super().__init__(
            allowed=ALLOWED,
            max_bytes=FILE_MAX_BYTES,
            max_files=MAX_FILES,
            max_total_bytes=FILE_MAX_BYTES,
            **kwargs,
        )


class GermanNamesSelect(forms.Select):
    """A choice of German proper names (the 33 units): each option says so (`lang="de"`), also
    on a page in another language (ADR 0017: every text block names its language)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["lang"] = "de"
        return option


# what people type: in whatever language and direction they write (`dir="auto"`); addresses,
# numbers and codes always left to right
_FREE_TEXT = {"dir": "auto"}
_LEFT_TO_RIGHT = {"dir": "ltr"}


class ReportForm(forms.Form):
    description = forms.CharField(
        label=_("Was ist passiert?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8, **_FREE_TEXT}),
        help_text=_(
            "Beschreiben Sie in eigenen Worten, was geschehen ist. Namen anderer Personen "
            "brauchen wir nicht."
        ),
    )
    happened_on = forms.DateField(
        label=_("Wann ist es passiert?"),
        widget=DateInput(attrs=_LEFT_TO_RIGHT),
        help_text=_("Wenn Sie den Tag nicht genau wissen: ungefähr."),
    )
    region = forms.ModelChoiceField(
        label=_("Wo ist es passiert? (Kreis oder Stadt)"),
        queryset=Office.objects.order_by("name"),
        empty_label=_("Bitte wählen"),
        widget=GermanNamesSelect,
    )
    place = forms.CharField(
        label=_("Ort genauer (Gemeinde, Stadtteil)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_FREE_TEXT),
    )
    life_area = forms.ChoiceField(
        label=_("In welchem Lebensbereich?"),
        choices=LifeArea.choices,
        widget=forms.RadioSelect,
    )
    grounds = forms.MultipleChoiceField(
        label=_("Warum wurden Sie benachteiligt? (mehrere möglich)"),
        choices=Ground.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Die Merkmale nach § 1 AGG sowie Rassismus und Antisemitismus."),
    )
    evidence = EvidenceField(label=_("Dateien (z. B. Fotos, Briefe)"))
    contact_consent = forms.BooleanField(
        label=_("Ich möchte kontaktiert werden."),
        required=False,
        help_text=_("Sonst bleibt Ihre Meldung anonym. Sie können Antworten mit Ihrem Code lesen."),
    )
    contact_name = forms.CharField(
        label=_("Name oder Vorname"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs=_FREE_TEXT),
    )
    contact_email = forms.EmailField(
        label=_("E-Mail-Adresse"), required=False, widget=forms.EmailInput(attrs=_LEFT_TO_RIGHT)
    )
    contact_phone = forms.CharField(
        label=_("Telefon"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={**_LEFT_TO_RIGHT, "type": "tel"}),
    )
    referral_wanted = forms.BooleanField(
        label=_("Ich möchte, dass meine Meldung an eine Beratungsstelle weitergegeben wird."),
        required=False,
        help_text=_(
            "Eine Beratungsstelle des hessischen Antidiskriminierungsnetzwerks in Ihrer Nähe. "
            "Sie erhält nur, was Sie unten erlauben."
        ),
    )
    share_description = forms.BooleanField(
        label=_("Meine Schilderung und den Ort darf sie erhalten."), required=False
    )
    share_contact = forms.BooleanField(
        label=_("Meine Kontaktdaten darf sie erhalten."), required=False
    )
    share_files = forms.BooleanField(label=_("Meine Dateien darf sie erhalten."), required=False)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Ihr Code"),
        max_length=40,
        help_text=_("Der Code von Ihrer Bestätigung, z. B. ABCD-EFGH-JKMN-PQRS-TVWX-1234."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", **_LEFT_TO_RIGHT}
        ),
    )


class AddForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    text = forms.CharField(
        label=_("Was möchten Sie ergänzen?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5, **_FREE_TEXT}),
    )
    evidence = EvidenceField(label=_("Weitere Dateien"))


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Antwort an die meldende Person"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Die Person liest sie mit ihrem Code. Es wird keine E-Mail verschickt."),
    )


class TriageForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Stand"),
        choices=[(s.value, s.label) for s in (ReportStatus.NEW, ReportStatus.IN_PROGRESS)],
    )
    internal_note = forms.CharField(
        label=_("Interne Notiz"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nur für die Antidiskriminierungsstelle, nie für die meldende Person."),
    )


class ReferForm(forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Beratungsstelle"), queryset=CounsellingCentre.objects.none(), empty_label=None
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["centre"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = CounsellingCentre.objects.filter(pk__in=[c.pk for c in centres])
        field.choices = [(c.pk, f"{c.name} ({', '.join(c.language_list)})") for c in centres]


class CentreForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    regions = forms.ModelMultipleChoiceField(
        label=_("Zuständig für"),
        queryset=Office.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.CharField(
        label=_("Beratungssprachen"),
        max_length=300,
        help_text=_("Durch Kommas getrennt, z. B. „Deutsch, Englisch, Türkisch“."),
    )
    email = forms.EmailField(label=_("E-Mail für Weitergaben"))
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    address = forms.CharField(label=_("Anschrift"), max_length=200, required=False)
    active = forms.BooleanField(label=_("Nimmt Weitergaben an"), required=False, initial=True)


class RetentionForm(forms.Form):
    closed_days = forms.IntegerField(
        label=_("Abgeschlossene Meldungen löschen nach (Tagen)"), min_value=1, max_value=3650
    )
    inactive_days = forms.IntegerField(
        label=_("Nicht abgeschlossene Meldungen löschen nach (Tagen ohne Aktivität)"),
        min_value=30,
        max_value=3650,
    )
