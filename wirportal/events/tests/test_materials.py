"""Materials live in the shared upload store (documents) and keep their authorised download."""

import io

import pikepdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from wirportal.audit.models import AuditEntry
from wirportal.documents.models import StoredDocument
from wirportal.events import services
from wirportal.events.forms import MaterialForm
from wirportal.events.models import MATERIAL_KIND, Material

from .factories import EventFactory


def _pdf() -> bytes:
    buffer = io.BytesIO()
    document = pikepdf.new()
    document.add_blank_page()
    document.save(buffer)
    return buffer.getvalue()


def _form(content: bytes, name: str = "folien.pdf") -> MaterialForm:
    return MaterialForm(
        {"title": "Folien"}, {"file": SimpleUploadedFile(name, content, "application/pdf")}
    )


@pytest.mark.django_db
def test_a_file_that_is_no_pdf_is_refused_next_to_the_field():
    form = _form(b"<html><script>alert(1)</script></html>")

    assert not form.is_valid()
    assert form.errors["file"]


@pytest.mark.django_db
def test_material_is_stored_in_the_documents_store_under_a_server_name(world):
    event = EventFactory(host_office=world["office_x"])
    form = _form(_pdf(), name="../../evil.pdf")
    assert form.is_valid(), form.errors

    material = services.material_upload(
        event=event,
        by=world.users["coordinator_x"],
        title="Folien",
        upload=form.cleaned_data["file"],
    )

    document = material.document
    assert (document.kind, document.owner, document.file_kind) == (MATERIAL_KIND, event, "pdf")
    assert document.storage_name.startswith("documents/") and "evil" not in document.storage_name
    assert default_storage.open(document.storage_name).read().startswith(b"%PDF-")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"document.stored", "event.material_uploaded"} <= actions


@pytest.mark.django_db
def test_organiser_uploads_and_anyone_in_the_audience_downloads(world, login, client):
    event = EventFactory(host_office=world["office_x"], slug="treffen")
    organiser = login(world.users["coordinator_x"])
    upload = SimpleUploadedFile("Dokumentation.pdf", _pdf(), "application/pdf")
    response = organiser.post(
        reverse("events:material-upload", args=[event.slug]), {"title": "Doku", "file": upload}
    )
    assert response.status_code == 302
    material = Material.objects.get()
    client.logout()

    download = client.get(reverse("events:material-download", args=[event.slug, material.pk]))

    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Security-Policy"].startswith("sandbox")
    assert 'filename="Dokumentation.pdf"' in download["Content-Disposition"]
    page = client.get(reverse("events:event-detail", args=[event.slug])).content.decode()
    assert "Doku" in page


@pytest.mark.django_db
def test_materials_of_an_invited_event_stay_hidden(world, client):
    event = EventFactory(audience="invited", invited_roles=",coordinator,")
    form = _form(_pdf())
    assert form.is_valid()
    material = services.material_upload(
        event=event, by=None, title="Intern", upload=form.cleaned_data["file"]
    )

    url = reverse("events:material-download", args=[event.slug, material.pk])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_material_document_cannot_be_deleted_through_the_generic_document_page(world, login):
    event = EventFactory(host_office=world["office_x"])
    form = _form(_pdf())
    assert form.is_valid()
    material = services.material_upload(
        event=event, by=None, title="Folien", upload=form.cleaned_data["file"]
    )

    response = login(world.users["coordinator_x"]).post(
        reverse("documents:delete", args=[material.document.public_id])
    )

    assert response.status_code == 403
    assert StoredDocument.objects.filter(pk=material.document_id).exists()


@pytest.mark.django_db(transaction=True)
def test_migration_moves_existing_files_into_the_store_without_losing_them(reference_data):
    """Materials uploaded before 0004 keep their bytes, title, uploader time and download."""
    before = [("events", "0003_material_document")]
    after = [("events", "0005_material_drop_file")]
    made = EventFactory()  # with today's model, before going back (later fields do not exist then)
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        Event = old.get_model("events", "Event")
        OldMaterial = old.get_model("events", "Material")
        event = Event.objects.get(pk=made.pk)
        content = _pdf()
        name = default_storage.save(f"events/{event.pk}/altmaterial.pdf", ContentFile(content))
        legacy = OldMaterial.objects.create(
            event=event, title="Dokumentation 2025", token="altmaterial", size=len(content)
        )
        OldMaterial.objects.filter(pk=legacy.pk).update(file=name)

        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())

    material = Material.objects.select_related("document").get(pk=legacy.pk)
    document = material.document
    assert material.title == "Dokumentation 2025"
    assert document.storage_name == name and document.size == len(content)
    assert document.owner_id == event.pk and document.kind == MATERIAL_KIND
    assert default_storage.open(document.storage_name).read() == content
