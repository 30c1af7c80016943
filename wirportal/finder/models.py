"""Offers of the public finder ("Angebote finden", issue #17).

An offer comes from a grant (an accepted decision: its recipient organisation's members publish
it) or from a regional actor of the directory (kept by the actor's unit, shown only while the
actor's entry is public). Nothing is public without explicit consent: `consent_by`/`consent_at`
record who agreed and when; withdrawing unpublishes at once. The texts are written in German;
`OfferTranslation` holds one row per other language with its own time of change, so a
translation older than its German source is known to be outdated.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wirportal.core.models import TimeStampedModel
from wirportal.decisions.models import GrantDecision
from wirportal.offices.models import Office, RegionalActor

from .languages import TRANSLATED


class OfferKind(models.TextChoices):
    LANGUAGE_COURSE = "language_course", _("Sprachkurs (z. B. MitSprache – Deutsch 4U)")
    WOMEN = "women", _("Angebot für Frauen und Mädchen")
    GUIDES = "guides", _("Integrationslotsen")
    INTERPRETING = "interpreting", _("Laiendolmetschen / Sprachmittlung")
    COUNSELLING = "counselling", _("Beratung")
    MEETING = "meeting", _("Treffpunkt und Begegnung")
    OTHER = "other", _("Weiteres Angebot")


class SpokenLanguage(models.TextChoices):
    """Languages in which an offer is held or counselling is given (ISO 639-1 where it exists)."""

    GERMAN = "de", _("Deutsch")
    ENGLISH = "en", _("Englisch")
    ARABIC = "ar", _("Arabisch")
    TURKISH = "tr", _("Türkisch")
    UKRAINIAN = "uk", _("Ukrainisch")
    RUSSIAN = "ru", _("Russisch")
    PERSIAN = "fa", _("Farsi / Dari")
    PASHTO = "ps", _("Paschtu")
    KURDISH = "ku", _("Kurdisch")
    TIGRINYA = "ti", _("Tigrinya")
    SOMALI = "so", _("Somali")
    FRENCH = "fr", _("Französisch")
    POLISH = "pl", _("Polnisch")
    ROMANIAN = "ro", _("Rumänisch")
    ALBANIAN = "sq", _("Albanisch")
    SIGN = "gsg", _("Deutsche Gebärdensprache")


class Offer(TimeStampedModel):
    content_versions = ("offers",)  # core.caching: the finder's pages re-render

    decision = models.ForeignKey(
        GrantDecision,
        verbose_name=_("Förderung"),
        on_delete=models.PROTECT,
        related_name="offers",
        null=True,
        blank=True,
    )
    actor = models.ForeignKey(
        RegionalActor,
        verbose_name=_("Regionaler Akteur"),
        on_delete=models.CASCADE,
        related_name="offers",
        null=True,
        blank=True,
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("WIR-Einheit"),
        on_delete=models.PROTECT,
        related_name="offers",
        null=True,
        blank=True,
    )
    # the German source texts
    name = models.CharField(_("Name des Angebots"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    kind = models.CharField(_("Art"), max_length=24, choices=OfferKind.choices)
    venue = models.CharField(_("Ort der Veranstaltung"), max_length=200, blank=True)
    accessibility = models.CharField(_("Barrierefreiheit"), max_length=300, blank=True)
    text_changed_at = models.DateTimeField(_("Deutscher Text geändert am"))
    # where: the postcode locates it on the map (finder.geodata)
    postcode = models.CharField(_("Postleitzahl"), max_length=5)
    place = models.CharField(_("Ort"), max_length=80)
    latitude = models.FloatField(_("Breitengrad"))
    longitude = models.FloatField(_("Längengrad"))
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    places_total = models.PositiveIntegerField(_("Plätze"), null=True, blank=True)
    places_free = models.PositiveIntegerField(_("Freie Plätze"), null=True, blank=True)
    # "|ar|tr|": filtered with one LIKE on SQLite and PostgreSQL alike
    languages = models.CharField(_("Sprachen"), max_length=120, blank=True, default="")
    childcare = models.BooleanField(_("Kinderbetreuung"), default=False)
    step_free = models.BooleanField(_("Stufenlos erreichbar"), default=False)
    contact_name = models.CharField(_("Ansprechstelle"), max_length=120, blank=True)
    contact_email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)
    # consent to publication (Art. 6 Abs. 1 lit. a DSGVO for the contact data; the recipient
    # decides what the public sees): who agreed and when; withdrawing ends publication at once
    is_published = models.BooleanField(_("Veröffentlicht"), default=False)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Einwilligung erteilt von"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    consent_at = models.DateTimeField(_("Einwilligung erteilt am"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Zurückgezogen von"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    withdrawn_at = models.DateTimeField(_("Zurückgezogen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__isnull=False, actor__isnull=True)
                | models.Q(decision__isnull=True, actor__isnull=False),
                name="offer_from_grant_or_actor",
            ),
            models.CheckConstraint(
                condition=models.Q(is_published=False)
                | models.Q(consent_by__isnull=False, consent_at__isnull=False),
                name="offer_published_needs_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "kind"], name="offer_published_kind_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split("|") if code]

    @property
    def language_labels(self) -> list[str]:
        labels = dict(SpokenLanguage.choices)
        return [str(labels.get(code, code)) for code in self.language_codes]


class OfferTranslation(models.Model):
    """The offer's texts in one other language, entered after the German source."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(
        _("Sprache"), max_length=8, choices=[(code, code) for code in TRANSLATED]
    )
    name = models.CharField(_("Name des Angebots"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    venue = models.CharField(_("Ort der Veranstaltung"), max_length=200, blank=True)
    accessibility = models.CharField(_("Barrierefreiheit"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("Geändert am"))

    content_versions = ("offers",)

    class Meta:
        verbose_name = _("Übersetzung")
        verbose_name_plural = _("Übersetzungen")
        constraints = [
            models.UniqueConstraint(fields=["offer", "language"], name="unique_offer_translation")
        ]

    def __str__(self) -> str:
        return f"{self.offer} ({self.language})"

    @property
    def outdated(self) -> bool:
        """Older than the German text it translates: shown marked, with the German beside it."""
        return self.updated_at < self.offer.text_changed_at
