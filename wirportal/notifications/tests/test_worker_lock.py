"""The worker survives a locked SQLite database (issue #9): real processes, a real file database.

A second connection holds a write transaction (`BEGIN IMMEDIATE`) on the file while the worker
polls. django-tasks-db's own `db_worker` dies on `database is locked` (negative control); our
`worker` waits, retries with backoff and sends the mail once the lock is released.
"""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from wirportal.notifications.tasks import send_mail_task

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="the lock is SQLite's; the file database is copied from the SQLite test database",
    ),
]

WORKER_SETTINGS = "wirportal.notifications.tests.worker_settings"
TABLE = DBTaskResult._meta.db_table
STARTUP = 120  # seconds: a cold Django start on a busy machine


def _file_database(tmp_path: Path, name: str) -> tuple[Path, list[tuple]]:
    """A file copy of the test database in WAL mode, without the queued mail task, which is
    returned as rows to insert later (by the transaction that holds the lock)."""
    path = tmp_path / f"{name}.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        rows = db.execute(f"SELECT * FROM {TABLE}").fetchall()
        db.execute(f"DELETE FROM {TABLE}")
    return path, rows


def _start(command: str, database: Path, mail_dir: Path, log: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": WORKER_SETTINGS,
        "WIR_WORKER_TEST_DB": str(database),
        "WIR_WORKER_TEST_MAIL": str(mail_dir),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [
            *(sys.executable, "manage.py", command, "--skip-checks", "--no-startup-delay"),
            *("--interval", "0.2", "--no-reload"),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _lock_and_queue(database: Path, rows: list[tuple]) -> sqlite3.Connection:
    """Hold a write transaction that queues the mail (committed when the lock is released)."""
    holder = sqlite3.connect(database, isolation_level=None, timeout=5)
    holder.execute("BEGIN IMMEDIATE")
    marks = ", ".join("?" * len(rows[0]))
    holder.executemany(f"INSERT INTO {TABLE} VALUES ({marks})", rows)
    return holder


def _mails(directory: Path) -> str:
    return "".join(f.read_text() for f in directory.iterdir()) if directory.exists() else ""


def _started(log: Path) -> bool:
    return "Starting worker" in log.read_text()


def test_mail_goes_out_after_the_database_was_locked_and_the_plain_db_worker_dies(
    tmp_path, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_mail_task.enqueue(subject="Eingang", body="Danke", to=["a@example.org"], attachments=[])
    plain_db, rows = _file_database(tmp_path, "plain")
    ours_db, _rows = _file_database(tmp_path, "ours")
    assert len(rows) == 1
    plain_mail, ours_mail = tmp_path / "plain-mail", tmp_path / "ours-mail"
    plain_log, ours_log = tmp_path / "plain.log", tmp_path / "ours.log"

    plain = _start("db_worker", plain_db, plain_mail, plain_log)
    ours = _start("worker", ours_db, ours_mail, ours_log)
    try:
        assert _wait_for(lambda: _started(plain_log) and _started(ours_log), STARTUP)
        # a long write transaction (which queues the mail) holds the lock while the workers poll
        holders = [_lock_and_queue(plain_db, rows), _lock_and_queue(ours_db, rows)]
        # negative control: django-tasks-db's worker dies on the lock and sends nothing
        plain.wait(timeout=STARTUP)
        assert plain.returncode != 0
        assert "database is locked" in plain_log.read_text()
        # ours reports the database error and keeps trying while the lock is held
        assert _wait_for(lambda: "database is locked" in ours_log.read_text(), STARTUP), (
            ours_log.read_text()
        )
        time.sleep(1)
        assert ours.poll() is None, ours_log.read_text()
        assert _mails(ours_mail) == ""
        for holder in holders:
            holder.execute("COMMIT")
            holder.close()
        # released: the mail goes out
        assert _wait_for(lambda: "Subject: Eingang" in _mails(ours_mail), 60), ours_log.read_text()
        assert "a@example.org" in _mails(ours_mail)
        assert _mails(plain_mail) == ""
    finally:
        for process in (plain, ours):
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
