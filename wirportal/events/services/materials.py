"""Materials of an event, kept in the documents store."""

from django.db import transaction
from django.utils.translation import gettext as _

from wirportal.audit.services import audit_record
from wirportal.core.exceptions import DomainError
from wirportal.documents.services import document_store
from wirportal.documents.validation import ValidatedUpload

from ..models import (
    MATERIAL_KIND,
    Event,
    Material,
)


@transaction.atomic
def material_upload(*, event: Event, by, title: str, upload: ValidatedUpload) -> Material:
    """Keep a PDF that passed the shared upload checks (`SafeFileField`) in the documents store."""
    if upload.kind != "pdf":
        raise DomainError(_("Bitte laden Sie eine PDF-Datei hoch."), field="file")
    document = document_store(
        upload=upload, attach_to=event, kind=MATERIAL_KIND, by=by, label=title.strip()
    )
    material = Material.objects.create(
        event=event,
        title=title.strip(),
        document=document,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        action="event.material_uploaded", target=event, by=by, data={"material": material.pk}
    )
    return material
