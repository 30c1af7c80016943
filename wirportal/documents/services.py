"""Writes on stored documents: store an upload (or a generated file), delete it. Audited.

Files and rows stay consistent: a file is written before its row, inside the caller's transaction;
if that transaction (or a savepoint around the store) rolls back, the file is deleted at once
(`_RemovedOnRollback`). A crash between writing and rolling back can still leave a file without a
row; `files_check()` (daily job and `manage.py check_files`) reports those and rows whose file is
missing, and deletes orphan files older than a day.
"""

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError

from .models import AnbestKind, AnbestVersion, StoredDocument
from .validation import ValidatedUpload, validate_upload

logger = logging.getLogger(__name__)
ORPHAN_MIN_AGE = timedelta(days=1)


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
    # If an outer transaction (or a savepoint around this call) rolls back later, the file goes too.
    transaction.on_commit(_RemovedOnRollback(stored_name))
    return document


class _RemovedOnRollback:
    """Deletes a stored file when the transaction that wrote its row does not commit.

    Django has `on_commit` but no `on_rollback`. It does document that the callbacks of a
    transaction or savepoint that rolls back are discarded: this object is such a callback, and it
    notices being discarded (dropped uncalled) and deletes the file then; CPython frees it at once,
    inside Django's rollback. Called on commit, it only remembers that the row exists.

    One case looks the same but is not a rollback: after a commit Django runs the callbacks in
    order and drops the rest if one of them raises. Then autocommit is already back on, so a
    callback dropped outside any atomic block with autocommit on keeps its file (the row exists).
    """

    __slots__ = ("committed", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        self.committed = False

    def __call__(self) -> None:
        self.committed = True

    def __del__(self) -> None:
        if self.committed:
            return
        try:
            if transaction.get_autocommit() and not transaction.get_connection().in_atomic_block:
                logger.warning("stored file kept after a failed commit hook: %s", self.name)
                return
            default_storage.delete(self.name)
            logger.info("stored file removed after rollback: %s", self.name)
        except Exception as error:  # never raise from a finaliser; files_check() reports it
            logger.warning("could not remove %s after rollback: %s", self.name, error)


def document_store_generated(
    *,
    content: bytes,
    filename: str,
    attach_to: models.Model,
    kind: str,
    by,
    label: str = "",
    allowed: Iterable[str] = ("pdf",),
    embedded_pdfs: bool = False,
) -> StoredDocument:
    """Store a file the portal generated itself (e.g. a decision letter); it is validated too.
    `embedded_pdfs`: a PDF/A-3 letter with PDFs embedded as associated files (each checked)."""
    upload = validate_upload(
        ContentFile(content, name=filename), allowed=allowed, embedded_pdfs=embedded_pdfs
    )
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
        # not `exists(path)`: object storage has no folders, only keys with this prefix
        try:
            directories, files = default_storage.listdir(path)
        except FileNotFoundError:  # the local disk before the first upload
            return
        for name in files:
            full = f"{path}/{name}"
            if full not in known:
                found.append(full)
        for directory in directories:
            walk(f"{path}/{directory}")

    walk("documents")
    return sorted(found)


def missing_files() -> list[StoredDocument]:
    """Rows whose file is not on the storage (lost on disk, or a restore without media)."""
    return [
        document
        for document in StoredDocument.objects.order_by("pk").only(
            "pk", "public_id", "storage_name", "display_name"
        )
        if not default_storage.exists(document.storage_name)
    ]


@dataclass(frozen=True)
class FilesReport:
    orphan_files: list[str]
    missing_files: list[StoredDocument]
    removed: list[str]


def files_check(*, remove_orphans_older_than: timedelta | None = None) -> FilesReport:
    """Files without rows and rows without files, logged; optionally delete old orphan files.

    Orphans younger than the given age are only reported: they may belong to an upload whose
    transaction is still open.
    """
    orphans = orphan_files()
    missing = missing_files()
    removed = (
        orphan_files_remove(older_than_seconds=int(remove_orphans_older_than.total_seconds()))
        if remove_orphans_older_than is not None
        else []
    )
    for name in orphans:
        logger.warning(
            "file without document row: %s%s", name, " (removed)" if name in removed else ""
        )
    for document in missing:
        logger.error("document %s without file: %s", document.public_id, document.storage_name)
    return FilesReport(orphan_files=orphans, missing_files=missing, removed=removed)


def orphan_files_remove(*, older_than_seconds: int = 3600) -> list[str]:
    """Delete orphan files older than the given age (younger ones may belong to an open upload)."""
    removed = []
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    for name in orphan_files():
        if default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            removed.append(name)
    return removed


# --- ANBest versions (Allgemeine Nebenbestimmungen, attached to every Zuwendungsbescheid) ------

ANBEST_KIND = "anbest"


@transaction.atomic
def anbest_version_create(
    *,
    kind: str,
    title: str,
    version_date: date,
    valid_from: date,
    source: str,
    upload: ValidatedUpload | None,
    by,
    is_demo: bool = False,
) -> AnbestVersion:
    """Record a version of the ANBest-P or ANBest-GK with its PDF (uploaded by programme staff).

    Letters dated on or after `valid_from` embed it (VV zu § 44 LHO: the ANBest are part of the
    Bescheid as Nebenbestimmungen, § 36 HVwVfG). The PDF must pass the upload check. Only the
    demo version has no file: its PDF is rendered from its template when needed.
    """
    if upload is None and not is_demo:
        raise ValueError("an ANBest version needs its PDF")
    if upload is not None and upload.kind != "pdf":
        raise ValueError("the ANBest are stored as PDF")
    if valid_from < version_date:
        raise DomainError(
            _("Eine Fassung kann nicht vor ihrem Fassungsdatum gelten."), field="valid_from"
        )
    if AnbestVersion.objects.filter(kind=kind, valid_from=valid_from).exists():
        raise DomainError(
            _("Ab diesem Tag ist bereits eine Fassung der ANBest-%(kind)s hinterlegt.")
            % {"kind": kind},
            field="valid_from",
        )
    version = AnbestVersion(
        kind=kind,
        title=title.strip(),
        version_date=version_date,
        valid_from=valid_from,
        source=source.strip(),
        is_demo=is_demo,
    )
    version.full_clean()
    version.save()
    if upload is not None:
        version.document = document_store(
            upload=upload, attach_to=version, kind=ANBEST_KIND, by=by, label=version.title
        )
        version.save(update_fields=["document"])
    audit_record(
        action="anbest.created",
        target=version,
        by=by,
        data={
            "kind": kind,
            "version_date": version_date.isoformat(),
            "valid_from": valid_from.isoformat(),
            "demo": is_demo,
        },
    )
    return version


def anbest_content(version: AnbestVersion) -> bytes:
    """The PDF of an ANBest version: the uploaded file, or for the demo version its rendering."""
    if version.document is None:
        assert version.is_demo, "an ANBest version other than the demo has its PDF"
        return _anbest_demo_pdf(version.kind)
    with default_storage.open(version.document.storage_name) as handle:
        return handle.read()


DEMO_ANBEST_VALID_FROM = date(2021, 1, 1)


@cache
def _anbest_demo_pdf(kind: str) -> bytes:
    """The demo text as PDF/A, rendered once per process (it does not change)."""
    from .pdf import render_pdf

    return render_pdf("documents/anbest_demo.html", {"kind": kind, "title": _demo_title(kind)})


def _demo_title(kind: str) -> str:
    long = {
        AnbestKind.P: "Allgemeine Nebenbestimmungen für Zuwendungen zur Projektförderung",
        AnbestKind.GK: "Allgemeine Nebenbestimmungen für Zuwendungen zur Projektförderung an "
        "Gebietskörperschaften und Zusammenschlüsse von Gebietskörperschaften",
    }[AnbestKind(kind)]
    return f"{long} (ANBest-{kind}) – DEMOFASSUNG, nicht der amtliche Text"


def anbest_demo_load(*, by=None) -> int:
    """Demo and test data: a clearly labelled demo version of ANBest-P and ANBest-GK for every
    kind that has none on record. It states that it is not the official Hessian text, which
    programme staff must upload before real letters are issued. No file is stored: its PDF is
    rendered from `documents/anbest_demo.html` when a letter embeds it. Idempotent; returns how
    many were created."""
    created = 0
    for kind in AnbestKind.values:
        if AnbestVersion.objects.filter(kind=kind).exists():
            continue
        anbest_version_create(
            kind=kind,
            title=_demo_title(kind),
            version_date=DEMO_ANBEST_VALID_FROM,
            valid_from=DEMO_ANBEST_VALID_FROM,
            source="Demofassung des WIR-Portals, kein amtlicher Text (bitte die amtliche Fassung "
            "hochladen)",
            upload=None,
            by=by,
            is_demo=True,
        )
        created += 1
    return created
