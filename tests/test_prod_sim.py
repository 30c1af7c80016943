"""Two app servers on one PostgreSQL, one Redis and one bucket behave as one portal (issue #13).

The test starts two gunicorn servers itself (free ports on 127.0.0.1) on this test's PostgreSQL
database (committed data: `transaction=True`), Redis database 11 (emptied first) and a local S3
server (tests/s3.py), in the production configuration (DJANGO_DEBUG off, `config.settings.base`).
It shows: a change made through server A is on server B's cached public page at once, a session
made by signing in on A is valid on B, and a file uploaded through A downloads from B.
`make prod-sim` starts the same set-up (plus the worker and the scheduler) by hand.
"""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from wirportal.accounts.roles import Role
from wirportal.accounts.tests.factories import UserFactory
from wirportal.documents.services import _anbest_demo_pdf

from .s3 import start_s3_server

REPO = Path(__file__).resolve().parent.parent


def _redis_url() -> str:
    """Database 11 of the Redis the suite uses (REDIS_URL: CI's own server), else the local one."""
    if os.environ.get("WIR_PROD_SIM_REDIS_URL"):
        return os.environ["WIR_PROD_SIM_REDIS_URL"]
    base = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    server = base.rsplit("/", 1)[0] if base.count("/") > 2 else base
    return f"{server}/11"


REDIS_URL = _redis_url()
PASSWORD = "Sicheres-Passwort-123"  # UserFactory's

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _redis_reachable() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        return False
    return True


@pytest.fixture
def production_like():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    if not _redis_reachable():
        pytest.skip(f"needs Redis at {REDIS_URL}")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    s3 = start_s3_server()
    bucket = s3.new_bucket()
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("PYTEST")},
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "prod-sim-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "TRUSTED_PROXY_COUNT": "0",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "0",  # no connection left open to the test database when it is dropped
        "REDIS_URL": REDIS_URL,
        # the programme staff member below signs in with a password only (no TOTP in a test)
        "WIR_REQUIRE_STAFF_MFA": "0",
        "LOG_LEVEL": "WARNING",
        **s3.environ(bucket, prefix="prod-sim"),
    }
    env.pop("WIR_TEST_PAGE_CACHE", None)
    servers = [_Server(env) for _ in range(2)]
    try:
        for server in servers:
            server.wait_until_up()
        yield servers, s3, bucket
    finally:
        for server in servers:
            server.stop()
        s3.stop()
        redis.Redis.from_url(REDIS_URL).flushdb()


class _Server:
    def __init__(self, env: dict[str, str]):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "120",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def wait_until_up(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode()[-3000:])
            try:
                httpx.get(f"{self.url}/healthz", timeout=5)
                return
            except httpx.TransportError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn on {self.url} did not start")

    def client(self, session: str = "") -> httpx.Client:
        # the session cookie is Secure (production settings): sent by hand over plain HTTP
        headers = {"Cookie": f"sessionid={session}"} if session else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _form_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def _post_form(client: httpx.Client, path: str, data: dict, files=None) -> httpx.Response:
    page = client.get(path)
    assert page.status_code == 200, (path, page.status_code)
    csrf = page.cookies.get("csrftoken") or client.cookies.get("csrftoken")
    cookie = client.headers.get("Cookie", "")
    headers = {"Cookie": f"{cookie}; csrftoken={csrf}".lstrip("; "), "Referer": str(page.url)}
    return client.post(
        path,
        data={**data, "csrfmiddlewaretoken": _form_token(page.text)},
        files=files,
        headers=headers,
    )


def _sign_in(server: _Server, email: str) -> str:
    with server.client() as client:
        response = _post_form(client, "/accounts/login/", {"login": email, "password": PASSWORD})
        errors = re.findall(r'class="kern-error[^"]*"[^>]*>(.*?)<', response.text, re.S)
        assert response.status_code == 302, (errors, response.text[:200])
        return response.cookies["sessionid"]


def test_two_app_servers_share_cache_sessions_and_uploads(production_like, reference_data):
    from wirportal.events.tests.factories import EventFactory

    (server_a, server_b), s3, bucket = production_like
    event = EventFactory(capacity=50)
    page = f"/veranstaltungen/{event.slug}/"

    # B caches the public event page ...
    with server_b.client() as b:
        first = b.get(page)
        assert first.status_code == 200
        assert "Noch 50 freie Plätze." in first.text
        assert "Noch 50 freie Plätze." in b.get(page).text  # now from the shared cache
    # ... a registration goes through A ...
    with server_a.client() as a:
        registered = _post_form(
            a,
            f"{page}anmelden/",
            {
                "first_name": "Ada",
                "last_name": "Beispiel",
                "email": "ada@example.org",
                "organisation_name": "Verein A",
                "accessibility_needs": "",
                "dietary_needs": "",
                "consent": "on",
            },
        )
        assert registered.status_code == 302, registered.text[-2000:]
    # ... and B shows it on the very next request
    with server_b.client() as b:
        assert "Noch 49 freie Plätze." in b.get(page).text

    # a session made by signing in on A is valid on B
    staff = UserFactory(role=Role.PROGRAMME_STAFF, email="hmaijs@example.org", totp=False)
    # the tests hash with MD5 (fast); the servers know only the production hashers
    hasher = PBKDF2PasswordHasher()
    staff.password = hasher.encode(PASSWORD, hasher.salt())
    staff.save(update_fields=["password"])
    session = _sign_in(server_a, staff.email)
    with server_b.client(session) as b:
        versions = b.get("/dokumente/anbest/")
        assert versions.status_code == 200, versions.status_code
        assert "ANBest" in versions.text

    # a file uploaded through A downloads from B (through the bucket, not a disk of A's)
    content = _anbest_demo_pdf("GK")
    with server_a.client(session) as a:
        uploaded = _post_form(
            a,
            "/dokumente/anbest/",
            {
                "kind": "GK",
                "title": "Allgemeine Nebenbestimmungen (ANBest-GK)",
                "version_date": "2026-11-20",
                "valid_from": "2027-01-01",
                "source": "StAnz. 48/2026 (Beispiel)",
            },
            files={"file": ("anbest-gk.pdf", content, "application/pdf")},
        )
        assert uploaded.status_code == 302, uploaded.text[-2000:]
    from wirportal.documents.models import AnbestVersion

    document = AnbestVersion.objects.get(kind="GK", is_demo=False).document
    assert s3.keys(bucket) == [f"prod-sim/{document.storage_name}"]
    with server_b.client(session) as b:
        download = b.get(f"/dokumente/{document.public_id}/")
        assert download.status_code == 200
        assert download.content == content
