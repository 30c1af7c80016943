"""Settings for a worker in its own process against a file SQLite database (tests of the worker).

The database file and the mail directory come from the environment; SQLite waits only briefly
for a lock (`busy_timeout`), so a held write lock surfaces as `database is locked` quickly.
"""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import BASE_DIR

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("WIR_WORKER_TEST_DB", str(BASE_DIR / "var" / "worker-test.sqlite3")),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=200; "
            "PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
        },
    }
}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {
            "file_path": os.environ.get(
                "WIR_WORKER_TEST_MAIL", str(BASE_DIR / "var" / "worker-test-mail")
            )
        },
    }
}
