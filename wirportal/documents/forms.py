"""The file field every form of the portal uses; it runs the shared upload validator."""

from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class SafeMultipleFileField(SafeFileField):
    """Several files in one field (`<input type=file multiple>`): at most `max_files`, together at
    most `max_total_bytes`, each a `ValidatedUpload` from `validate_upload`. The cleaned value is
    a list (empty when nothing was chosen)."""

    widget = MultipleFileInput

    def __init__(self, *, max_files: int, max_total_bytes: int, **kwargs) -> None:
        self.max_files = max_files
        self.max_total_bytes = max_total_bytes
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > self.max_files:
            raise ValidationError(
                _("Bitte höchstens %(n)s Dateien.") % {"n": self.max_files}, code="too_many"
            )
        if sum(getattr(f, "size", 0) for f in files) > self.max_total_bytes:
            raise ValidationError(
                _("Die Dateien sind zusammen zu groß. Erlaubt sind höchstens %(max)s.")
                % {"max": megabytes(self.max_total_bytes)},
                code="too_large",
            )
        return [validate_upload(f, allowed=self.allowed, max_bytes=self.max_bytes) for f in files]


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
