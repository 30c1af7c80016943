"""Writes on stored documents: store an upload (or a generated file), delete it. Audited."""

import uuid
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from .audit import audit_record
from .models import StoredDocument
from .validation import ValidatedUpload, validate_upload


def _storage_name(extension: str) -> str:
    """Server-generated, unguessable, never derived from user input (ASVS 5.3.2)."""
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


@transaction.atomic
def document_store(
    *,
    upload: ValidatedUpload,
    attach_to: models.Model,
    kind: str,
    by,
    label: str = "",
) -> StoredDocument:
    """Save a validated upload on the private storage and attach it to `attach_to`."""
    if not isinstance(upload, ValidatedUpload):
        raise TypeError(
            "document_store needs a ValidatedUpload (use validate_upload/SafeFileField)"
        )
    if attach_to.pk is None:
        raise ValueError("attach_to must be saved first")
    upload.file.seek(0)
    stored_name = default_storage.save(_storage_name(upload.extension), File(upload.file))
    try:
        document = StoredDocument(
            owner_type=ContentType.objects.get_for_model(attach_to),
            owner_id=attach_to.pk,
            kind=kind,
            label=label[:200],
            display_name=upload.display_name,
            storage_name=stored_name,
            file_kind=upload.kind,
            mime_type=upload.mime_type,
            size=upload.size,
            sha256=upload.sha256,
            uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        )
        document.full_clean()
        document.save()
        audit_record(
            action="document.stored",
            target=document,
            by=by,
            data={"owner": _owner_ref(attach_to), "kind": kind, "size": upload.size},
        )
    except BaseException:
        default_storage.delete(stored_name)
        raise
    # If an outer transaction rolls back later, the file stays behind without a record;
    # `orphan_files_remove()` (command `documents_cleanup`) deletes such files.
    return document


def document_store_generated(
    *,
    content: bytes,
    filename: str,
    attach_to: models.Model,
    kind: str,
    by,
    label: str = "",
    allowed: Iterable[str] = ("pdf",),
) -> StoredDocument:
    """Store a file the portal generated itself (e.g. a decision letter); it is validated too."""
    upload = validate_upload(ContentFile(content, name=filename), allowed=allowed)
    return document_store(upload=upload, attach_to=attach_to, kind=kind, by=by, label=label)


@transaction.atomic
def document_delete(*, document: StoredDocument, by) -> None:
    """Delete the record now and the file once the transaction has committed."""
    name = document.storage_name
    audit_record(
        action="document.deleted",
        target=document,
        by=by,
        data={
            "owner": f"{document.owner_type.app_label}.{document.owner_type.model}:{document.owner_id}"
        },
    )
    document.delete()
    transaction.on_commit(lambda: default_storage.delete(name))


def _owner_ref(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}:{obj.pk}"


def orphan_files() -> list[str]:
    """Files under documents/ that no StoredDocument points to (left by rolled-back transactions)."""
    known = set(StoredDocument.objects.values_list("storage_name", flat=True))
    found: list[str] = []

    def walk(path: str) -> None:
        if not default_storage.exists(path):
            return
        directories, files = default_storage.listdir(path)
        for name in files:
            full = f"{path}/{name}"
            if full not in known:
                found.append(full)
        for directory in directories:
            walk(f"{path}/{directory}")

    walk("documents")
    return sorted(found)


def orphan_files_remove(*, older_than_seconds: int = 3600) -> list[str]:
    """Delete orphan files older than the given age (younger ones may belong to an open upload)."""
    removed = []
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    for name in orphan_files():
        if default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            removed.append(name)
    return removed
