"""Outbox (issue #9): a mail's task is a row written in the same transaction as the change it
reports, so whatever is committed is mailed, and nothing that was rolled back is.

The stand-in for a change is a Django `Group` (any row would do); the task rows are
django-tasks-db's `DBTaskResult`, as in production.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django_tasks_db.models import DBTaskResult

from wirportal.notifications.services import notify
from wirportal.notifications.tasks import send_mail_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def templates(tmp_path, settings):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "reg_subject.txt").write_text("Anmeldung bestätigt")
    (tmp_path / "t" / "reg_body.txt").write_text("Sie sind angemeldet.")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]


def _mail_tasks():
    return DBTaskResult.objects.filter(task_path=send_mail_task.module_path)


def _register(name: str) -> Group:
    group = Group.objects.create(name=name)
    notify(to=["a@example.org"], template="t/reg", context={})
    return group


def test_the_mail_task_is_written_in_the_transaction_of_the_change(templates):
    with transaction.atomic():
        _register("Anmeldung 1")
        # queued before the commit, inside the same transaction: no mail yet
        assert _mail_tasks().count() == 1
        assert mail.outbox == []
    assert Group.objects.filter(name="Anmeldung 1").exists()
    assert _mail_tasks().count() == 1
    assert [m.subject for m in mail.outbox] == ["[WIR-Portal] Anmeldung bestätigt"]


def test_a_committed_change_is_mailed_even_if_the_database_fails_right_after_the_commit(
    templates,
):
    """The bug of issue #9: the registration was committed, then the database went away; the
    mail, queued only after the commit, was lost (and the person got a 500)."""
    table = DBTaskResult._meta.db_table

    def database_goes_down():
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")

    try:
        with transaction.atomic():
            transaction.on_commit(database_goes_down)  # runs first after the commit
            _register("Anmeldung 2")
    except Exception:
        pass
    finally:
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            if f"{table}_away" in tables:
                cursor.execute(f"ALTER TABLE {table}_away RENAME TO {table}")
    assert Group.objects.filter(name="Anmeldung 2").exists()
    assert _mail_tasks().count() == 1  # the mail is queued: the worker will send it


def test_a_rolled_back_change_leaves_no_task_and_sends_nothing(templates):
    with pytest.raises(RuntimeError), transaction.atomic():
        _register("Anmeldung 3")
        raise RuntimeError
    assert not Group.objects.filter(name="Anmeldung 3").exists()
    assert _mail_tasks().count() == 0
    assert mail.outbox == []


def test_when_the_commit_fails_neither_change_nor_task_exists(templates):
    """A deferred foreign key is checked at COMMIT (SQLite and PostgreSQL): the commit fails."""
    with pytest.raises(IntegrityError), transaction.atomic():
        _register("Anmeldung 4")
        Permission.objects.create(name="kaputt", codename="kaputt", content_type_id=987654)
    assert not Group.objects.filter(name="Anmeldung 4").exists()
    assert _mail_tasks().count() == 0
    assert mail.outbox == []


def test_notify_refuses_to_run_outside_a_transaction(templates):
    with pytest.raises(RuntimeError, match="transaction"):
        notify(to=["a@example.org"], template="t/reg", context={})
    assert _mail_tasks().count() == 0
