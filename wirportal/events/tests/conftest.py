import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _keep_test_connection_open(request, monkeypatch):
    """With the ImmediateBackend, send_mail_task runs inside the test's transaction, where its
    close_old_connections() closes the PostgreSQL connection (autocommit differs). In production
    the task runs in the worker after the commit. Reported to the notifications owner."""
    if connection.vendor == "postgresql" and "transactional_db" not in request.fixturenames:
        monkeypatch.setattr("wirportal.notifications.tasks.close_old_connections", lambda: None)
