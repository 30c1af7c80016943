"""Platform behaviour: health check, security headers, deploy checks, error pages, language."""

import os
import re
import subprocess
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_a_healthy_database(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_503_when_the_database_does_not_answer():
    """A real failure, in a separate process whose database file cannot be opened."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DJANGO_DEBUG="1",
        SQLITE_PATH="/nonexistent-directory/wirportal.sqlite3",
    )
    script = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503", result.stdout + result.stderr
    assert '"database": "unavailable"' in body


def test_every_page_has_strict_security_headers(client):
    response = client.get(reverse("offices:office-list"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "style-src 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_only_scripts_from_our_origin_and_no_inline_styles_exist(client):
    """Pages load scripts only from /static/ (allowed by 'self'); no inline script needs a nonce,
    so a public page can be cached whole without a per-response nonce in it."""
    response = client.get(reverse("core:home"))
    html = response.content.decode()
    assert html.count("<script") == html.count('<script src="/static/') == 2
    assert all(body == "" for body in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S))
    assert " style=" not in html


def test_deploy_check_is_clean_in_production_mode():
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT"}
        },
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "a-very-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "wir-portal.hessen.de",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # not even a note (INFO) and nothing silenced (SILENCED_SYSTEM_CHECKS)
    assert "System check identified no issues (0 silenced)." in result.stdout, result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "DJANGO_DEBUG": "0"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_404_uses_the_portal_layout_without_technical_details(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html and "WIR-Portal" in html
    assert "Traceback" not in html and "URLconf" not in html


def test_500_page_renders_in_the_layout_without_a_request():
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Technischer Fehler" in html and "Traceback" not in html


def test_german_is_the_default_even_for_english_browsers(client):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="de" dir="ltr">' in response.content.decode()


def test_a_person_can_switch_to_english_and_back(client):
    page = reverse("core:imprint")
    html = client.get(page).content.decode()
    switch = f'href="{reverse("core:language", args=["en"])}?next={page}"'
    assert switch in html  # the header link back to the same page
    response = client.get(reverse("core:language", args=["en"]), {"next": page})
    assert response.status_code == 302 and response["Location"] == page
    html = client.get(page).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Imprint" in html  # the footer link, translated
    client.get(reverse("core:language", args=["de"]), {"next": "/"})
    assert '<html lang="de" dir="ltr">' in client.get(reverse("core:home")).content.decode()


def test_the_language_switch_only_redirects_within_the_site(client):
    response = client.get(reverse("core:language", args=["en"]), {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.get(reverse("core:language", args=["xx"])).status_code == 404


def test_scheduler_knows_the_retention_and_lapse_jobs_and_runs_them(capsys):
    from django.core.cache import cache
    from django.core.management import call_command

    from wirportal.core.scheduling import registered_jobs

    names = {job.name for job in registered_jobs()}
    assert {"events_purge_personal_data", "decisions_lapse_overdue"} <= names
    cache.clear()
    call_command("scheduler", "--once")
    output = capsys.readouterr().out
    assert "events_purge_personal_data: 0" in output
    assert "decisions_lapse_overdue: 0" in output


def test_nul_bytes_in_query_parameters_never_reach_the_database(client, reference_data):
    response = client.get("/api/einheiten/", {"region": "nord\x00", "kind": "x\x00y"})
    assert response.status_code == 200
    html = client.get(reverse("offices:office-list"), {"q": "Kas\x00sel"})
    assert html.status_code == 200


# --- Issue #9: caching of signed-in pages, error pages, plain-HTTP health check ---------------


def _has_every_security_header(response):
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def _portal_page(response, status, language="de"):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html
    assert "WIR-Portal" in html and 'id="main"' in html
    assert "Traceback" not in html
    _has_every_security_header(response)
    return html


def _english(client):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.mark.parametrize("path", ["/", "/konto/", "/impressum/", "/gibt-es-nicht/", "/antraege/"])
def test_responses_to_signed_in_people_are_never_stored_by_caches(client, path):
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(role=Role.APPLICANT))
    cache_control = client.get(path).get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control, (path, cache_control)
    assert "public" not in cache_control


def test_a_response_to_a_session_with_content_is_never_stored_by_caches(client):
    session = client.session
    session["wir_test"] = "something personal"
    session.save()
    cache_control = client.get(reverse("core:imprint")).get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control


def test_public_pages_for_visitors_without_a_session_keep_their_caching(client):
    response = client.get(reverse("core:imprint"))
    assert "no-store" not in response.get("Cache-Control", "")
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize("english", [False, True])
def test_a_bad_host_gets_the_portal_page_with_every_security_header(client, english):
    if english:
        _english(client)
    response = client.get("/", HTTP_HOST="evil.example")
    html = _portal_page(response, 400, "en" if english else "de")
    assert "evil.example" not in html


@pytest.mark.parametrize("english", [False, True])
def test_too_many_form_fields_get_the_portal_400_page(client, settings, english):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    if english:
        _english(client)
    data = {f"feld{i}": "x" for i in range(10)}
    response = client.post(reverse("account_login"), data)
    _portal_page(response, 400, "en" if english else "de")


@pytest.mark.parametrize("english", [False, True])
def test_a_wrong_method_gets_the_portal_405_page_with_its_allow_header(client, english):
    if english:
        _english(client)
    response = client.post(reverse("core:language", args=["de"]))
    _portal_page(response, 405, "en" if english else "de")
    assert response["Allow"] == "GET"


@pytest.mark.parametrize("english", [False, True])
def test_a_csrf_failure_gets_the_portal_page(english):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    if english:
        _english(client)
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    html = _portal_page(response, 403, "en" if english else "de")
    assert "CSRF" not in html
    assert english or "Formular abgelaufen" in html


def test_the_403_and_404_pages_are_in_english_when_english_was_chosen(client):
    _english(client)
    _portal_page(client.get("/gibt-es-nicht/"), 404, "en")


def test_the_health_check_answers_over_plain_http_while_everything_else_redirects(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200 and response.json()["status"] == "ok"
    other = client.get(reverse("core:imprint"))
    assert other.status_code == 301 and other["Location"].startswith("https://")
    assert client.get("/healthz/x").status_code == 301  # only the health check itself
