"""Factories for documents: a stored document is created through the service, with a real file."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wirportal.documents.services import document_store
from wirportal.documents.validation import validate_upload

from .corpus import pdf_bytes


def uploaded(name: str, content: bytes, content_type: str = "") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type)


def stored_document(
    *, attach_to, by=None, name="Finanzierungsplan.pdf", kind="anlage", content=None
):
    upload = validate_upload(uploaded(name, content if content is not None else pdf_bytes()))
    return document_store(upload=upload, attach_to=attach_to, kind=kind, by=by)
