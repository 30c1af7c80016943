"""The file field every form of the portal uses; it runs the shared upload validator."""

from collections.abc import Iterable

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .validation import DEFAULT_ALLOWED, KINDS, validate_upload


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
