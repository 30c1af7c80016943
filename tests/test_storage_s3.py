"""Uploads on S3-compatible object storage (issue #13, ADR 0015), against a local S3 server.

The test run starts the server itself (moto on 127.0.0.1, tests/s3.py); every test gets a bucket
of its own and the portal's `default` storage configured by `object_storage()` from the same
variables production sets. The documents app's upload, download and deletion tests
(`wirportal/documents/tests/test_views.py`) run here once more against the bucket; the tests
below add the upload through a form of the portal, the refused and rolled-back uploads, the file
check and privacy of the objects.
"""

import hashlib
import logging
from datetime import date, timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from config.settings.base import object_storage
from wirportal.documents.models import AnbestVersion, StoredDocument
from wirportal.documents.services import (
    _anbest_demo_pdf,
    files_check,
    missing_files,
    orphan_files,
)
from wirportal.documents.storage import PrivateS3Storage
from wirportal.documents.tests import corpus
from wirportal.documents.tests.factories import stored_document

# The documents app's own tests of storing, downloading and deleting, collected here again: they
# run with the bucket below instead of the disk.
from wirportal.documents.tests.test_views import (  # noqa: F401
    test_admin_lists_documents_read_only,
    test_delete_removes_record_and_file_after_commit,
    test_download_sends_attachment_with_safe_headers,
    test_foreign_organisation_cannot_download,
    test_generated_files_go_through_the_validator_too,
    test_large_upload_spooled_to_disk_is_stored_intact,
    test_orphan_files_are_found,
    test_owner_app_may_register_a_finer_document_permission,
    test_staff_download_is_audited,
    test_storage_name_is_generated_by_the_server,
    test_unknown_document_is_404,
)

from .s3 import start_s3_server

pytestmark = pytest.mark.django_db
PREFIX = "wirportal"


@pytest.fixture(scope="session")
def s3_server():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per S3 request otherwise
    server = start_s3_server()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def bucket(settings, s3_server, tmp_path):
    """The portal's uploads go to a fresh bucket; MEDIA_ROOT is an empty folder that must stay so."""
    name = s3_server.new_bucket()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": object_storage(s3_server.environ(name, prefix=PREFIX)),
    }
    assert isinstance(default_storage, PrivateS3Storage)
    yield name
    assert not (tmp_path / "media").exists(), "a file went to the local disk"


def _object(s3_server, bucket, storage_name: str) -> bytes:
    body = s3_server.client().get_object(Bucket=bucket, Key=f"{PREFIX}/{storage_name}")["Body"]
    return body.read()


def test_settings_switch_to_object_storage_only_with_a_bucket():
    assert object_storage({}) is None
    assert object_storage({"WIR_S3_BUCKET": " "}) is None
    config = object_storage({"WIR_S3_BUCKET": "wir", "WIR_S3_PREFIX": "/portal/"})
    assert config is not None
    assert config["BACKEND"] == "wirportal.documents.storage.PrivateS3Storage"
    assert config["OPTIONS"]["bucket_name"] == "wir"
    assert config["OPTIONS"]["location"] == "portal"
    assert config["OPTIONS"]["endpoint_url"] is None  # AWS itself
    assert config["OPTIONS"]["file_overwrite"] is False


def test_upload_through_a_portal_form_lands_in_the_bucket_and_downloads_through_the_view(
    world, client, s3_server, bucket
):
    content = _anbest_demo_pdf("GK")
    client.force_login(world.users["programme_staff"])
    response = client.post(
        "/dokumente/anbest/",
        {
            "kind": "GK",
            "title": "Allgemeine Nebenbestimmungen (ANBest-GK)",
            "version_date": "2026-11-20",
            "valid_from": "2027-01-01",
            "source": "StAnz. 48/2026 (Beispiel)",
            "file": SimpleUploadedFile("anbest-gk.pdf", content, "application/pdf"),
        },
    )
    assert response.status_code == 302
    document = AnbestVersion.objects.get(valid_from=date(2027, 1, 1)).document
    assert document is not None
    assert s3_server.keys(bucket) == [f"{PREFIX}/{document.storage_name}"]
    assert _object(s3_server, bucket, document.storage_name) == content
    assert document.sha256 == hashlib.sha256(content).hexdigest()

    client.force_login(world.users["applicant_a"])
    download = client.get(reverse("documents:download", kwargs={"public_id": document.public_id}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].startswith('attachment; filename="anbest-gk.pdf"')
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]


def test_refused_upload_leaves_nothing_in_the_bucket(world, client, s3_server, bucket):
    client.force_login(world.users["programme_staff"])
    response = client.post(
        "/dokumente/anbest/",
        {
            "kind": "GK",
            "title": "Allgemeine Nebenbestimmungen (ANBest-GK)",
            "version_date": "2026-11-20",
            "valid_from": "2027-01-01",
            "source": "StAnz. 48/2026 (Beispiel)",
            "file": SimpleUploadedFile(
                "anbest.pdf", corpus.pdf_with_javascript(), "application/pdf"
            ),
        },
    )
    assert response.status_code == 422
    assert "aktive Inhalte" in response.content.decode()
    assert s3_server.keys(bucket) == []


def test_a_store_rolled_back_removes_its_object(world, s3_server, bucket):
    with pytest.raises(RuntimeError), transaction.atomic():
        document = stored_document(attach_to=world["org_a"])
        assert s3_server.keys(bucket) == [f"{PREFIX}/{document.storage_name}"]
        raise RuntimeError("Abbruch nach dem Speichern")
    assert s3_server.keys(bucket) == []
    assert not StoredDocument.objects.exists()


def test_large_download_is_streamed_intact_through_the_view(world, login):
    """Beyond 2 MB the backend buffers a download in a temporary file, not in memory."""
    content = corpus.pdf_bytes() + b"%" * (3 * 1024 * 1024)
    document = stored_document(attach_to=world["org_a"], content=content)
    response = login(world.users["applicant_a"]).get(
        reverse("documents:download", kwargs={"public_id": document.public_id})
    )
    assert response.status_code == 200
    assert int(response["Content-Length"]) == len(content)
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.sha256


def test_file_check_sees_the_bucket(world, s3_server, bucket):
    kept = stored_document(attach_to=world["org_a"])
    lost = stored_document(attach_to=world["org_a"])
    s3_server.client().delete_object(Bucket=bucket, Key=f"{PREFIX}/{lost.storage_name}")
    s3_server.client().put_object(
        Bucket=bucket, Key=f"{PREFIX}/documents/2026/11/left-behind.pdf", Body=b"%PDF-1.7"
    )
    assert orphan_files() == ["documents/2026/11/left-behind.pdf"]
    assert [document.pk for document in missing_files()] == [lost.pk]
    report = files_check(remove_orphans_older_than=timedelta(0))
    assert report.removed == ["documents/2026/11/left-behind.pdf"]
    assert s3_server.keys(bucket) == [f"{PREFIX}/{kept.storage_name}"]


def test_objects_are_private_and_have_no_url(world, s3_server, bucket):
    document = stored_document(attach_to=world["org_a"])
    acl = s3_server.client().get_object_acl(Bucket=bucket, Key=f"{PREFIX}/{document.storage_name}")
    grantees = {grant["Grantee"].get("URI", grant["Grantee"].get("ID")) for grant in acl["Grants"]}
    assert grantees == {acl["Owner"]["ID"]}  # no AllUsers/AuthenticatedUsers grant
    with pytest.raises(NotImplementedError):
        default_storage.url(document.storage_name)
