"""The file field every form of the portal uses; it runs the shared upload validator."""

from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wirportal.core.forms import DateInput

from .models import AnbestKind
from .validation import DEFAULT_ALLOWED, KINDS, allowed_labels, megabytes, validate_upload


class SafeFileField(forms.FileField):
    """A FileField whose cleaned value is a `ValidatedUpload` (or None/initial when nothing new).

    Pass the result to `wirportal.documents.services.document_store(upload=..., ...)`.
    """

    def __init__(
        self,
        *,
        allowed: Iterable[str] = DEFAULT_ALLOWED,
        max_bytes: int | None = None,
        **kwargs,
    ) -> None:
        self.allowed = frozenset(allowed)
        self.max_bytes = max_bytes
        if "help_text" not in kwargs:
            # tell people the rules before they pick a file
            kwargs["help_text"] = format_lazy(
                _("Erlaubt: {kinds}; höchstens {size}."),
                kinds=allowed_labels(self.allowed),
                size=megabytes(max_bytes or settings.WIR_UPLOAD_MAX_BYTES),
            )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # a hint for the browser's file chooser only; the server decides by content
        extensions = sorted(f".{ext}" for key in self.allowed for ext in KINDS[key].extensions)
        attrs["accept"] = ",".join(extensions)
        return attrs

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            return validate_upload(value, allowed=self.allowed, max_bytes=self.max_bytes)
        return value


class AnbestVersionForm(forms.Form):
    """A new version of the ANBest-P or ANBest-GK (the official Hessian text as PDF)."""

    kind = forms.ChoiceField(label=_("Art"), choices=AnbestKind.choices)
    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        help_text=_("Wie im Bescheid genannt, z. B. „Allgemeine Nebenbestimmungen … (ANBest-P)“."),
    )
    version_date = forms.DateField(label=_("Fassung vom"), widget=DateInput)
    valid_from = forms.DateField(
        label=_("Gültig ab"),
        widget=DateInput,
        help_text=_("Bescheide ab diesem Datum betten diese Fassung ein."),
    )
    source = forms.CharField(
        label=_("Quelle"),
        max_length=300,
        help_text=_("Fundstelle, z. B. Staatsanzeiger oder Erlass mit Datum."),
    )
    file = SafeFileField(label=_("Datei (PDF)"), allowed=("pdf",))
