"""Step 2 of 3: every existing material file becomes a StoredDocument, without moving the file.

The file stays where it is (`events/<event>/<token>.pdf`); the StoredDocument points to it with
`storage_name`, so no byte is copied and nothing is lost if the migration is rolled back. Size and
SHA-256 are computed from the stored bytes; a file missing on disk keeps its recorded size and an
empty checksum (the authorised download then answers 404, as before).
"""

import hashlib
import uuid

from django.core.files.storage import default_storage
from django.db import migrations
from django.utils.text import slugify

KIND = "veranstaltungsmaterial"


def _digest(name: str) -> tuple[int, str] | None:
    try:
        handle = default_storage.open(name, "rb")
    except OSError:
        return None
    sha, size = hashlib.sha256(), 0
    with handle:
        while chunk := handle.read(64 * 1024):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


def forwards(apps, schema_editor):
    Material = apps.get_model("events", "Material")
    StoredDocument = apps.get_model("documents", "StoredDocument")
    ContentType = apps.get_model("contenttypes", "ContentType")
    owner_type, _created = ContentType.objects.get_or_create(app_label="events", model="event")
    for material in Material.objects.filter(document__isnull=True).order_by("pk"):
        name = material.file.name
        found = _digest(name)
        size, sha256 = found if found is not None else (material.size, "")
        document = StoredDocument.objects.create(
            public_id=uuid.uuid4(),
            owner_type=owner_type,
            owner_id=material.event_id,
            kind=KIND,
            label=material.title[:200],
            display_name=f"{slugify(material.title)[:140] or 'material'}.pdf",
            storage_name=name,
            file_kind="pdf",
            mime_type="application/pdf",
            size=max(size, 1),
            sha256=sha256,
            uploaded_by_id=material.uploaded_by_id,
        )
        # keep the original upload time (auto_now_add set "now" on create)
        StoredDocument.objects.filter(pk=document.pk).update(uploaded_at=material.uploaded_at)
        material.document = document
        material.save(update_fields=["document"])


def backwards(apps, schema_editor):
    Material = apps.get_model("events", "Material")
    StoredDocument = apps.get_model("documents", "StoredDocument")
    for material in Material.objects.filter(document__isnull=False).select_related("document"):
        document = material.document
        material.file.name = document.storage_name
        material.size = document.size
        material.document = None
        material.save(update_fields=["file", "size", "document"])
        StoredDocument.objects.filter(pk=document.pk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0001_initial"),
        ("events", "0003_material_document"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
