"""Test overrides: speed and determinism only."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# django-tasks-db's backend (tasks are rows in the caller's transaction), each task run right
# after the commit as the worker would (ADR 0011)
TASKS = {"default": {"BACKEND": "wirportal.core.tasks_testing.DatabaseBackendRunAfterCommit"}}
WIR_WORKER_BEAT_MAX_AGE = None  # no worker runs in tests; the tests of /healthz switch it on
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# With REDIS_URL (the production configuration) each xdist worker gets a database of its own,
# emptied before every test (conftest.py), as the cache tables are by the test's rollback.
if REDIS_URL:  # noqa: F405
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1").removeprefix("gw")
    _redis = REDIS_URL.rsplit("/", 1)[0] if REDIS_URL.count("/") > 2 else REDIS_URL  # noqa: F405
    CACHES = {
        alias: {**config, "LOCATION": f"{_redis}/{int(_worker) + 2}"}
        for alias, config in CACHES.items()  # noqa: F405
    }
# Page caching is off in tests (factories write without commits) unless WIR_TEST_PAGE_CACHE=1
# (cache-verify run: the page cache on, every hit rendered again and compared, core.caching);
# the tests of caching switch it on themselves.
WIR_TEST_PAGE_CACHE = os.environ.get("WIR_TEST_PAGE_CACHE", "") == "1"
if WIR_TEST_PAGE_CACHE:
    WIR_CACHE_VERIFY = True
    CACHES = {
        **CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }
else:
    CACHES = {**CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": None}
# A second alias on the same database, standing for a read replica (core.routers and its tests:
# tests/test_replica_router.py). It is a test mirror: another connection, which inside a test's
# transaction (TestCase) would not see the test's rows. So opted-in reads (`replica_reads`) stay on
# "default" unless a test switches WIR_REPLICA_READS on (transaction=True, both databases).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
WIR_REPLICA_READS = False
