from django import forms
from django.utils.translation import gettext_lazy as _

from . import geodata
from .languages import BY_CODE, TRANSLATED
from .models import OfferKind, SpokenLanguage

RADII = [("10", "10 km"), ("25", "25 km"), ("50", "50 km"), ("100", "100 km")]


class SearchForm(forms.Form):
    """The finder's filters: GET parameters, so that every result page has its own link."""

    wo = forms.CharField(
        label=_("Postleitzahl oder Ort in Hessen"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "dir": "auto"}),
    )
    umkreis = forms.ChoiceField(label=_("Umkreis"), choices=RADII, required=False, initial="25")
    art = forms.ChoiceField(
        label=_("Art des Angebots"),
        choices=[("", _("Alle Arten")), *OfferKind.choices],
        required=False,
    )
    sprache = forms.ChoiceField(
        label=_("Sprache des Angebots"),
        choices=[("", _("Alle Sprachen")), *SpokenLanguage.choices],
        required=False,
    )
    frei = forms.BooleanField(label=_("Nur mit freien Plätzen"), required=False)
    bald = forms.BooleanField(label=_("Beginnt bald (in den nächsten 4 Wochen)"), required=False)
    # the page of the results; carried by the page links, not a field of the form
    seite = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def clean_wo(self) -> geodata.Point | None:
        text = self.cleaned_data.get("wo", "")
        if not text:
            return None
        point = geodata.locate(text)
        if point is None:
            raise forms.ValidationError(
                _(
                    "Diesen Ort oder diese Postleitzahl kennen wir in Hessen nicht. Bitte geben "
                    "Sie eine fünfstellige Postleitzahl oder den Namen einer hessischen Gemeinde ein."
                )
            )
        return point


class OfferForm(forms.Form):
    name = forms.CharField(label=_("Name des Angebots"), max_length=200)
    kind = forms.ChoiceField(label=_("Art"), choices=OfferKind.choices)
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Auf Deutsch; Übersetzungen tragen Sie danach je Sprache ein."),
    )
    venue = forms.CharField(
        label=_("Ort der Veranstaltung"),
        max_length=200,
        required=False,
        help_text=_("Zum Beispiel Straße und Raum. Keine privaten Anschriften."),
    )
    postcode = forms.RegexField(
        label=_("Postleitzahl"),
        regex=r"^[0-9]{5}$",
        max_length=5,
        error_messages={"invalid": _("Bitte eine fünfstellige Postleitzahl eingeben.")},
    )
    starts_on = forms.DateField(
        label=_("Beginn"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ende"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    places_total = forms.IntegerField(label=_("Plätze"), required=False, min_value=0)
    places_free = forms.IntegerField(label=_("Freie Plätze"), required=False, min_value=0)
    languages = forms.MultipleChoiceField(
        label=_("Sprachen des Angebots"),
        choices=SpokenLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    childcare = forms.BooleanField(label=_("Mit Kinderbetreuung"), required=False)
    step_free = forms.BooleanField(label=_("Stufenlos erreichbar"), required=False)
    accessibility = forms.CharField(
        label=_("Hinweise zur Barrierefreiheit"), max_length=300, required=False
    )
    contact_name = forms.CharField(label=_("Ansprechstelle"), max_length=120, required=False)
    contact_email = forms.EmailField(label=_("E-Mail-Adresse"), required=False)
    contact_phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class PublishForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "Ich willige im Namen des Trägers ein, dass dieses Angebot mit den angegebenen "
            "Kontaktdaten öffentlich im Angebotsfinder erscheint. Die Einwilligung kann "
            "jederzeit widerrufen werden."
        ),
        required=False,
    )


class TranslationForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Sprache"), choices=[(code, BY_CODE[code].name) for code in TRANSLATED]
    )
    name = forms.CharField(label=_("Name des Angebots"), max_length=200)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    venue = forms.CharField(label=_("Ort der Veranstaltung"), max_length=200, required=False)
    accessibility = forms.CharField(
        label=_("Hinweise zur Barrierefreiheit"), max_length=300, required=False
    )
