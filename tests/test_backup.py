"""T13: backup and restore of database and files together, into a fresh database and media folder.

Runs on the configured database (SQLite by default, PostgreSQL with DATABASE_URL): the data must
be committed for pg_dump to see it, hence transactional tests.
"""

import io
import json
import tarfile
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from wirportal.core.backup import sha256_of, table_counts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def issued_letter(world, media, monkeypatch):
    """A Zuwendungsbescheid issued through the services (its PDF is a StoredDocument)."""
    from django.utils import timezone

    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.decisions import services
    from wirportal.decisions.models import Outcome
    from wirportal.reviews.tests.factories import application_in_review, record_all_steps

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 11, 25))
    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    record_all_steps(application, by=world.users["case_worker"])
    second = UserFactory(role=Role.CASE_WORKER, email="case2@example.org")
    decision = services.decision_propose(
        application=application, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    decision = services.decision_approve(decision=decision, by=second)
    decision = services.decision_issue(decision=decision, by=second)
    return decision.letter


def _wipe_database() -> None:
    """Make the test database as empty as a freshly created one."""
    connection.close()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names():
                cursor.execute("DROP TABLE " + connection.ops.quote_name(table))
            cursor.execute("PRAGMA foreign_keys = ON")
    assert connection.introspection.table_names() == []


def test_restore_into_fresh_database_and_media_gives_every_row_and_file(
    world, issued_letter, media, settings, tmp_path, client
):
    letter_bytes = default_storage.open(issued_letter.storage_name).read()
    originals = {
        f"media/{path.relative_to(media).as_posix()}": sha256_of(path)
        for path in media.rglob("*")
        if path.is_file()
    }
    assert f"media/{issued_letter.storage_name}" in originals
    counts_before = table_counts()
    archive = tmp_path / "backup-2026-12-06.tar"

    out = io.StringIO()
    call_command("backup", output=archive, stdout=out)
    assert "Sicherung geschrieben" in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["tables"] == counts_before
    assert manifest["tables"]["audit_auditentry"] > 0
    assert {k: v for k, v in manifest["files"].items() if k.startswith("media/")} == originals

    _wipe_database()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    out = io.StringIO()
    call_command("restore", str(archive), stdout=out)
    assert "alle Zeilenzahlen und Prüfsummen stimmen" in out.getvalue()

    assert table_counts() == counts_before
    restored = {
        f"media/{path.relative_to(settings.MEDIA_ROOT).as_posix()}": sha256_of(path)
        for path in settings.MEDIA_ROOT.rglob("*")
        if path.is_file()
    }
    assert restored == originals
    # the decision letter downloads through its authorised view, byte for byte
    client.force_login(world.users["applicant_a"])
    response = client.get(f"/dokumente/{issued_letter.public_id}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == letter_bytes
    client.force_login(world.users["applicant_b"])
    assert client.get(f"/dokumente/{issued_letter.public_id}/").status_code == 403
    call_command("migrate", check=True, stdout=io.StringIO())  # schema complete after restore


def test_audit_table_stays_append_only_after_restore(world, media, tmp_path):
    from django.db import DatabaseError, transaction

    from wirportal.audit.models import AuditEntry
    from wirportal.audit.services import audit_record

    audit_record(action="test.before-backup", target=world["org_a"], by=None)
    archive = tmp_path / "b.tar"
    call_command("backup", output=archive, stdout=io.StringIO())
    _wipe_database()
    call_command("restore", str(archive), stdout=io.StringIO())
    entry = AuditEntry.objects.get(action="test.before-backup")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="changed")


def test_tampered_archive_is_refused_before_anything_changes(world, media, tmp_path, settings):
    from wirportal.documents.tests.factories import stored_document

    stored_document(attach_to=world["org_a"])
    archive = tmp_path / "b.tar"
    call_command("backup", output=archive, stdout=io.StringIO())
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data.replace(b"%PDF", b"%PDX", 1)
            target.addfile(member, io.BytesIO(data))
    counts = table_counts()
    settings.MEDIA_ROOT = tmp_path / "fresh-media"
    with pytest.raises(CommandError, match="Prüfsumme"):
        call_command("restore", str(tampered), stdout=io.StringIO())
    assert table_counts() == counts
    assert not settings.MEDIA_ROOT.exists()


def test_restore_refuses_a_media_folder_that_is_not_empty(world, media, tmp_path):
    from wirportal.documents.tests.factories import stored_document

    stored_document(attach_to=world["org_a"])
    archive = tmp_path / "b.tar"
    call_command("backup", output=archive, stdout=io.StringIO())
    with pytest.raises(CommandError, match="nicht leer"):
        call_command("restore", str(archive), stdout=io.StringIO())
