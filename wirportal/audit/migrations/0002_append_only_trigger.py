"""The audit table refuses UPDATE and (on PostgreSQL) DELETE in the database (reliability brief T15)."""

from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_auditentry is append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_auditentry_no_change ON audit_auditentry;
CREATE TRIGGER audit_auditentry_no_change BEFORE UPDATE OR DELETE ON audit_auditentry
  FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only();
"""
REVERSE = """
DROP TRIGGER IF EXISTS audit_auditentry_no_change ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_auditentry_append_only();
"""
SQLITE = """
CREATE TRIGGER IF NOT EXISTS audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry
BEGIN SELECT RAISE(ABORT, 'audit_auditentry is append-only'); END;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SQL)
    elif schema_editor.connection.vendor == "sqlite":
        # SQLite (development) refuses UPDATE only: its test flush empties tables with DELETE.
        schema_editor.execute(SQLITE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditentry_no_update")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
