"""Files and rows stay consistent: a rolled-back store leaves no file; the check finds the rest."""

import io
import logging
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from wirportal.core.scheduling import registered_jobs
from wirportal.documents.models import StoredDocument
from wirportal.documents.services import files_check

from . import corpus
from .factories import stored_document


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored_files() -> list[str]:
    found = []
    for directory, _subdirectories, names in os.walk(default_storage.location):
        found += [os.path.join(directory, name) for name in names]
    return found


class Boom(Exception):
    pass


@transaction.atomic
def _service_that_fails_after_storing(owner, names: list[str]) -> None:
    """A use case that stores a file and then fails (as a later check or a mail might)."""
    names.append(stored_document(attach_to=owner).storage_name)
    assert default_storage.exists(names[-1])
    raise Boom


@pytest.mark.django_db
def test_rolled_back_savepoint_leaves_no_file(world):
    names: list[str] = []
    with pytest.raises(Boom):
        _service_that_fails_after_storing(world["org_a"], names)  # a savepoint in the test's one
    assert not default_storage.exists(names[0])
    assert not StoredDocument.objects.exists()
    assert _stored_files() == []


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_leaves_no_file(world):
    names: list[str] = []
    with pytest.raises(Boom):
        _service_that_fails_after_storing(world["org_a"], names)  # the outermost transaction
    assert not default_storage.exists(names[0])
    assert _stored_files() == []


@pytest.mark.django_db(transaction=True)
def test_inner_rollback_keeps_the_files_of_the_committed_outer_part(world):
    with transaction.atomic():
        kept = stored_document(attach_to=world["org_a"])
        names: list[str] = []
        with pytest.raises(Boom):
            _service_that_fails_after_storing(world["org_a"], names)
    assert default_storage.exists(kept.storage_name)
    assert not default_storage.exists(names[0])
    assert StoredDocument.objects.get().storage_name == kept.storage_name


@pytest.mark.django_db(transaction=True)
def test_committed_file_stays_even_when_an_earlier_commit_hook_fails(world):
    """Negative control: after a commit the row exists, so the file must never be deleted."""

    def failing_hook():
        raise Boom

    with pytest.raises(Boom), transaction.atomic():
        transaction.on_commit(failing_hook)
        document = stored_document(attach_to=world["org_a"])
    assert StoredDocument.objects.filter(pk=document.pk).exists()
    assert default_storage.exists(document.storage_name)


@pytest.mark.django_db
def test_check_finds_orphan_file_and_row_without_file(world):
    kept = stored_document(attach_to=world["org_a"])
    lost = stored_document(attach_to=world["org_a"], name="Verloren.pdf")
    default_storage.delete(lost.storage_name)
    orphan = default_storage.save(
        "documents/2026/11/left-behind.pdf", ContentFile(corpus.pdf_bytes())
    )
    report = files_check()
    assert report.orphan_files == [orphan]
    assert [d.pk for d in report.missing_files] == [lost.pk]
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:  # a row without its file is data loss
        call_command("check_files", stdout=out)
    assert exit_status.value.code == 1
    text = out.getvalue()
    assert orphan in text
    assert lost.storage_name in text and str(lost.public_id) in text
    assert kept.storage_name not in text


@pytest.mark.django_db
def test_check_files_reports_a_consistent_store(world):
    stored_document(attach_to=world["org_a"])
    out = io.StringIO()
    call_command("check_files", stdout=out)
    assert "0 Dateien ohne Eintrag, 0 Einträge ohne Datei" in out.getvalue()


@pytest.mark.django_db
def test_scheduled_check_logs_and_removes_orphans_older_than_a_day(world, caplog):
    kept = stored_document(attach_to=world["org_a"])
    lost = stored_document(attach_to=world["org_a"])
    default_storage.delete(lost.storage_name)
    old = default_storage.save("documents/2026/01/old.pdf", ContentFile(b"%PDF-"))
    young = default_storage.save("documents/2026/11/young.pdf", ContentFile(b"%PDF-"))
    two_days_ago = time.time() - 2 * 86400
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    (job,) = [job for job in registered_jobs() if job.name == "documents_files_check"]
    with caplog.at_level(logging.WARNING, logger="wirportal.documents"):
        job.run()
    assert not default_storage.exists(old)
    assert default_storage.exists(young)  # may belong to an upload still in progress
    assert default_storage.exists(kept.storage_name)
    assert old in caplog.text and young in caplog.text
    assert lost.storage_name in caplog.text
    # idempotent: the second run finds only what is left
    job.run()
    assert default_storage.exists(young)
