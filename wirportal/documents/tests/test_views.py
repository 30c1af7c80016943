"""Download and deletion: only through the authorised view, with safe headers, audited."""

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.urls import reverse

from wirportal.documents.models import StoredDocument
from wirportal.documents.services import document_store_generated, orphan_files
from wirportal.documents.views import content_disposition

from . import corpus
from .factories import stored_document

pytestmark = pytest.mark.django_db

# audit is a sibling layer; the model is looked up, not imported
AuditEntry = apps.get_model("audit", "AuditEntry")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_storage_name_is_generated_by_the_server(world):
    document = stored_document(
        attach_to=world["org_a"], by=world.users["applicant_a"], name="../../evil CON.pdf"
    )
    assert document.storage_name.startswith("documents/")
    assert document.storage_name.endswith(".pdf")
    assert "evil" not in document.storage_name
    assert str(document.storage_name).count("/") == 3  # documents/YYYY/MM/<uuid>.pdf
    assert document.display_name == "evil CON.pdf"
    assert default_storage.exists(document.storage_name)
    assert AuditEntry.objects.filter(action="document.stored").count() == 1


def test_download_sends_attachment_with_safe_headers(world, login):
    document = stored_document(
        attach_to=world["org_a"], by=world.users["applicant_a"], name="Plan für 2026 „A“.pdf"
    )
    response = login(world.users["applicant_a"]).get(
        reverse("documents:download", kwargs={"public_id": document.public_id})
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="Plan f_r 2026 _A_.pdf"'
    )
    assert (
        "filename*=UTF-8''Plan%20f%C3%BCr%202026%20%E2%80%9EA%E2%80%9C.pdf"
        in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == (
        "sandbox; default-src 'none'; frame-ancestors 'none'"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]
    # an applicant's own download is not an access to someone else's data
    assert not AuditEntry.objects.filter(action="document.downloaded").exists()


def test_staff_download_is_audited(world, login):
    document = stored_document(attach_to=world["org_a"], by=world.users["applicant_a"])
    client = login(world.users["case_worker"])
    url = reverse("documents:download", kwargs={"public_id": document.public_id})
    for _ in range(20):
        assert client.get(url).status_code == 200
    entries = AuditEntry.objects.filter(action="document.downloaded")
    assert entries.count() == 20
    assert {entry.actor_id for entry in entries} == {world.users["case_worker"].pk}


def test_foreign_organisation_cannot_download(world, login):
    document = stored_document(attach_to=world["org_a"], by=world.users["applicant_a"])
    url = reverse("documents:download", kwargs={"public_id": document.public_id})
    assert login(world.users["applicant_b"]).get(url).status_code == 403
    assert login(world.users["coordinator_y"]).get(url).status_code == 403


def test_unknown_document_is_404(world, login):
    url = reverse(
        "documents:download", kwargs={"public_id": "00000000-0000-0000-0000-000000000000"}
    )
    assert login(world.users["case_worker"]).get(url).status_code == 404


def test_delete_removes_record_and_file_after_commit(
    world, login, django_capture_on_commit_callbacks
):
    document = stored_document(attach_to=world["org_a"], by=world.users["applicant_a"])
    name = document.storage_name
    url = reverse("documents:delete", kwargs={"public_id": document.public_id})
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.users["applicant_a"]).post(url, {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"  # no open redirect
    assert not StoredDocument.objects.filter(pk=document.pk).exists()
    assert not default_storage.exists(name)
    assert AuditEntry.objects.filter(action="document.deleted").count() == 1


def test_generated_files_go_through_the_validator_too(world):
    with pytest.raises(Exception) as refused:
        document_store_generated(
            content=corpus.pdf_with_javascript(),
            filename="bescheid.pdf",
            attach_to=world["org_a"],
            kind="zuwendungsbescheid",
            by=None,
        )
    assert "aktive Inhalte" in str(refused.value)
    assert orphan_files() == []


def test_orphan_files_are_found(world):
    stored_document(attach_to=world["org_a"], by=None)
    default_storage.save("documents/2026/11/left-behind.pdf", corpus_file())
    assert orphan_files() == ["documents/2026/11/left-behind.pdf"]


def corpus_file():
    from django.core.files.base import ContentFile

    return ContentFile(corpus.pdf_bytes())


def test_content_disposition_has_ascii_fallback_and_utf8_name():
    header = content_disposition('Übersicht "1";2.pdf')
    assert header == (
        'attachment; filename="_bersicht _1__2.pdf"; '
        "filename*=UTF-8''%C3%9Cbersicht%20%221%22%3B2.pdf"
    )


def test_owner_app_may_register_a_finer_document_permission(world, login):
    """`offices.view_organisation_document` (if registered) decides instead of view_organisation."""
    import rules

    internal = stored_document(attach_to=world["org_a"], kind="intern")
    public = stored_document(attach_to=world["org_a"], kind="anlage")
    rules.add_perm(
        "offices.view_organisation_document",
        rules.predicate(lambda user, document: document.kind != "intern"),
    )
    try:
        client = login(world.users["applicant_a"])
        assert client.get(_url(internal)).status_code == 403
        assert client.get(_url(public)).status_code == 200
    finally:
        rules.remove_perm("offices.view_organisation_document")
    assert login(world.users["applicant_a"]).get(_url(internal)).status_code == 200


def _url(document):
    return reverse("documents:download", kwargs={"public_id": document.public_id})


def test_large_upload_spooled_to_disk_is_stored_intact(world):
    """Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE arrive as temporary files on disk."""
    import hashlib

    from django.core.files.uploadedfile import TemporaryUploadedFile

    from wirportal.documents.services import document_store
    from wirportal.documents.validation import validate_upload

    pdf = corpus.pdf_bytes()
    content = pdf + b"%" * (3 * 1024 * 1024)
    temporary = TemporaryUploadedFile("Großer Plan.pdf", "application/pdf", len(content), None)
    temporary.write(content)
    temporary.seek(0)
    upload = validate_upload(temporary, allowed={"pdf"})
    document = document_store(upload=upload, attach_to=world["org_a"], kind="anlage", by=None)
    with default_storage.open(document.storage_name, "rb") as stored:
        data = stored.read()
    assert data == content
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    temporary.close()


def test_admin_lists_documents_read_only(world, login):
    document = stored_document(attach_to=world["org_a"], name="Satzung.pdf")
    response = login(world.users["admin"]).get("/verwaltung/documents/storeddocument/")
    assert response.status_code == 200, response.status_code
    assert "Satzung.pdf" in response.content.decode()
    assert _url(document) in response.content.decode()
    add = login(world.users["admin"]).get("/verwaltung/documents/storeddocument/add/")
    assert add.status_code == 403
