"""Every page, as every role, in Chromium with axe-core: zero WCAG 2.1 AA violations, no sideways
scrolling, no CSP errors.

The pages come from the access matrix, so a new page is checked as soon as it joins the matrix.
"""

import re

import pytest
from django.urls import reverse

from tests.browser import (
    check_page,
    login_context,
    requires_chromium,
    run_axe,
    totp_now,
    watch_csp,
)
from tests.matrix import CASES

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

# pages that are not HTML (JSON, files) are not for axe
NOT_HTML = {"core:healthz"}
# htmx fragments polled into their page: checked as part of that page (reports: the report list)
FRAGMENTS = {"reports:report-run-status"}


# Each page is checked as the least and the most privileged role allowed to see it: together they
# show every variant of a page (with and without edit actions) without visiting it ten times.
PRIORITY = [
    "anonymous",
    "applicant_a",
    "opening_contributor_x",
    "coordinator_x",
    "auditor",
    "antidiscrimination",
    "reviewer",
    "case_worker",
    "programme_staff",
]


def _roles_for(case) -> set[str]:
    allowed = [role for role in PRIORITY if role in case.allowed]
    return {allowed[0], allowed[-1]} if allowed else set()


def _pages_for(role, world):
    for case in CASES:
        if case.method != "get" or case.url_name in NOT_HTML | FRAGMENTS:
            continue
        if role in _roles_for(case):
            url = reverse(case.url_name, kwargs=case.kwargs(world))
            yield f"{url}?{case.query}" if case.query else url


@pytest.mark.parametrize("role", PRIORITY)
def test_every_page_passes_axe(role, matrix_world, live_server, browser):
    """Logs in through the login form (password, and TOTP for staff) as this role first."""
    context = login_context(browser, live_server, matrix_world.users[role], via_form=True)
    page = context.new_page()
    csp_problems = watch_csp(page)
    failures = []
    for path in dict.fromkeys(_pages_for(role, matrix_world)):
        probe = page.request.get(live_server.url + path)
        if not probe.headers.get("content-type", "").startswith("text/html"):
            continue  # exports, calendars and PDFs are not pages
        response = page.goto(live_server.url + path)
        assert response is not None and response.status < 400, (
            f"{role} {path}: {response and response.status}"
        )
        check_page(page, failures, path)
    context.close()
    assert not failures, f"page check failures for {role}:\n" + "\n".join(failures)
    assert not csp_problems, csp_problems


def test_error_pages_pass_axe(matrix_world, live_server, browser):
    context = login_context(browser, live_server, matrix_world.users["applicant_b"])
    page = context.new_page()
    failures: list[str] = []
    for path, status in [
        ("/gibt-es-nicht/", 404),
        (reverse("offices:organisation-detail", kwargs={"pk": matrix_world["org_a"].pk}), 403),
    ]:
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == status
        check_page(page, failures, path)
    context.close()
    assert not failures, "\n".join(failures)


def test_400_405_and_csrf_pages_pass_axe(db, live_server, browser):
    """Pages a browser cannot be sent to by a plain link (a bad Host header, a wrong method, a
    form without token): rendered by the test client, shown in the browser on the portal's
    origin so that its stylesheets apply."""
    from django.test import Client

    pages = {
        "400": Client().get("/", HTTP_HOST="evil.example"),
        "405": Client().post(reverse("core:language", args=["de"])),
        "csrf": Client(enforce_csrf_checks=True).post(reverse("account_login"), {}),
    }
    page = browser.new_page()
    page.goto(live_server.url + reverse("core:imprint"))
    failures = []
    for name, response in pages.items():
        assert response.status_code in (400, 403, 405), name
        page.set_content(response.content.decode(), wait_until="load")
        check_page(page, failures, name)
    page.close()
    assert not failures, "\n".join(failures)


def test_axe_harness_finds_violations_on_a_broken_page(browser):
    """Negative control: the harness reports violations when they exist."""
    page = browser.new_page()
    page.set_content(
        "<html><body><img src='x.png'><input type='text'><a href='#'></a></body></html>"
    )
    ids = {violation["id"] for violation in run_axe(page)}
    page.close()
    assert {"image-alt", "label", "html-has-lang", "document-title"} <= ids


def test_check_page_reports_violations_and_sideways_scrolling_at_each_size(browser):
    """Negative control for check_page: both checks fail at both sizes, the viewport is restored."""
    page = browser.new_page()
    page.set_content(
        "<html lang='de'><head><title>Breit</title></head><body><main>"
        "<img src='x.png'><div style='width: 2000px'>breit</div></main></body></html>"
    )
    before = page.viewport_size
    failures: list[str] = []
    sizes = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
    check_page(page, failures, "broken", sizes=sizes)
    assert page.viewport_size == before
    page.close()
    assert len(failures) == 4, failures
    for width in (1280, 390):
        assert any(f.startswith(f"broken {width}:") and "image-alt" in f for f in failures)
        assert any(f"px wide at {width} px" in f for f in failures)


def test_staff_logs_in_with_password_and_totp(world, live_server, browser):
    user = world.users["case_worker"]
    page = login_context(browser, live_server, None).new_page()
    failures: list[str] = []
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("E-Mail").fill(user.email)
    page.get_by_label("Passwort").fill("Sicheres-Passwort-123")
    page.locator("main").get_by_role("button", name=re.compile("Anmeld")).click()
    page.wait_for_url(re.compile("/accounts/2fa/authenticate/"))
    check_page(page, failures, "two-factor code")
    page.get_by_label("Code", exact=True).fill(totp_now(user.totp_secret))
    page.locator("main").get_by_role(
        "button", name=re.compile("Anmeld|Bestätigen|Weiter")
    ).first.click()
    page.wait_for_url(live_server.url + "/start/")  # the start page of the role (issue #12)
    assert "Meine Übersicht" in page.locator("h1").inner_text()
    assert user.get_role_display() in page.content()
    assert not failures, "\n".join(failures)


ACCOUNT_PAGES_ANONYMOUS = ["account_login", "account_signup", "account_reset_password"]
ACCOUNT_PAGES_LOGGED_IN = [
    "mfa_index",
    "mfa_activate_totp",
    "account_email",
    "account_change_password",
]


def test_account_and_two_factor_pages_pass_axe(world, live_server, browser):
    failures: list[str] = []
    for user, names in [
        (None, ACCOUNT_PAGES_ANONYMOUS),
        (world.users["applicant_a"], ACCOUNT_PAGES_LOGGED_IN),
    ]:
        context = login_context(browser, live_server, user)
        page = context.new_page()
        csp_problems = watch_csp(page)
        for name in names:
            response = page.goto(live_server.url + reverse(name))
            assert response is not None and response.status == 200, name
            check_page(page, failures, name)
        assert not csp_problems, csp_problems
        context.close()
    assert not failures, "\n".join(failures)
