"""Playwright helpers: Debian's Chromium, axe-core injected through CDP (not blocked by our CSP)."""

import json
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ASSETS = Path(__file__).parent / "assets"
AXE_SOURCE = (ASSETS / "axe.min.js").read_text()
AXE_LOCALE = json.loads((ASSETS / "axe-de.json").read_text())
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

requires_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and shutil.which("chromium") is None,
    reason="Chromium fehlt (/usr/bin/chromium); .ci/run installiert es mit apt",
)


def run_axe(page) -> list[dict]:
    """Run axe-core on the current page; return the violations (WCAG 2.x A/AA).

    Waits for the page to finish loading first: axe started while a navigation is still under
    way finds no document ("Cannot read properties of null (reading 'documentElement')")."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
        page.evaluate("locale => axe.configure({locale})", AXE_LOCALE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result["violations"]


def check_page(
    page, failures: list[str], label: str, sizes: list[dict] | None = None, screenshot: str = ""
) -> None:
    """What every page of a browser test must hold, at each of `sizes` (viewport sizes; the
    current one if none), with the viewport set back afterwards: axe finds no WCAG violation
    and the page does not scroll sideways. Each failure is appended to `failures` under
    `label`, so that one run lists them all. With `WIR_SCREENSHOTS` set to a directory, a
    full-page screenshot `<screenshot>-<width>.png` is saved there."""
    import os

    before = page.viewport_size
    for size in sizes or [before]:
        if size != page.viewport_size:
            page.set_viewport_size(size)
        width = size["width"]
        violations = run_axe(page)
        if violations:
            failures.append(f"{label} {width}:\n{describe(violations)}")
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            failures.append(f"{label}: page is {wide} px wide at {width} px")
        directory = os.environ.get("WIR_SCREENSHOTS")
        if directory and screenshot:
            page.screenshot(path=f"{directory}/{screenshot}-{width}.png", full_page=True)
    if page.viewport_size != before:
        page.set_viewport_size(before)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def totp_now(secret: str) -> str:
    """The current TOTP code, valid for at least 5 more seconds (a code typed at the end of its
    30-second window would expire before the server checks it: a flaky login)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    left = 30 - time.time() % 30
    if left < 5:
        time.sleep(left + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login_with_form(page, live_server, user, password: str = "Sicheres-Passwort-123") -> None:
    """Log in through the real login page, with the TOTP code for staff (factory users keep their
    secret in `user.totp_secret`)."""
    import re

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-Mail").fill(user.email)
    page.get_by_label("Passwort").fill(password)
    page.locator("main").get_by_role("button", name=re.compile("Anmeld")).click()
    page.wait_for_load_state()
    secret = getattr(user, "totp_secret", None)
    if "/accounts/2fa/authenticate/" in page.url and secret:
        code = totp_now(secret)
        page.get_by_label("Code", exact=True).fill(code)
        page.locator("main").get_by_role("button", name=re.compile("Anmeld")).click()
        page.wait_for_load_state()
    if "/accounts/" in page.url:
        raise AssertionError(f"login as {user.email} failed at {page.url}")


def login_context(browser, live_server, user, *, via_form: bool = False, **options):
    """A browser context logged in as `user`: through the login form, or with a session cookie
    made by Django's test client (faster, for tests that are not about logging in). `options`
    go to `browser.new_context` over the defaults (e.g. `java_script_enabled=False`)."""
    from django.test import Client

    defaults = {"locale": "de-DE", "viewport": {"width": 1280, "height": 900}}
    context = browser.new_context(**(defaults | options))
    if user is not None and via_form:
        login_with_form(context.new_page(), live_server, user)
    elif user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies(
            [{"name": "sessionid", "value": cookie.value, "url": live_server.url, "httpOnly": True}]
        )
    return context


def watch_csp(page) -> list[str]:
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return problems
