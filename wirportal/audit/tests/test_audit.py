import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from wirportal.audit.models import AuditEntry
from wirportal.audit.selectors import audit_entries_for
from wirportal.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_record_stores_who_what_and_target():
    user = get_user_model().objects.create_user("person@example.org", "Sicheres-Passwort-123")
    entry = audit_record(
        action="account.profile_changed", target=user, by=user, data={"fields": ["name"]}
    )
    assert entry.actor == user
    assert entry.target_repr == str(user)
    assert list(audit_entries_for(user)) == [entry]
    assert entry.at.tzinfo is not None  # stored as UTC


def test_entries_cannot_be_changed_through_the_orm():
    entry = audit_record(action="x.happened", by=None)
    entry.action = "y.happened"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_the_database_refuses_update_and_delete():
    entry = audit_record(action="x.happened", by=None)
    statements = ["UPDATE audit_auditentry SET action = 'changed' WHERE id = %s"]
    if connection.vendor == "postgresql":  # production; SQLite's test flush needs DELETE
        statements.append("DELETE FROM audit_auditentry WHERE id = %s")
    for sql in statements:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "x.happened"
