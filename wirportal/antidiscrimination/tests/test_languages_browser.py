"""In Chromium at 1280 and 390 px: the report form in Arabic (right to left) and Leichte Sprache
passes axe before and after a POST with errors, needs no sideways scrolling, has no CSP
violation, sets no cookie besides the form's CSRF token, and the receipt follows in the same
language. `WIR_SCREENSHOTS` keeps full-page screenshots to look at."""

import re

import pytest
from django.core.cache import cache

from tests.browser import check_page, login_context, requires_chromium, watch_csp

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def _check(page, csp, failures, label, screenshot):
    check_page(page, failures, label, screenshot=screenshot)
    assert not csp, csp
    assert {cookie["name"] for cookie in page.context.cookies()} <= {"csrftoken"}


@pytest.mark.parametrize("width", (1280, 390))
@pytest.mark.parametrize("code", ("ar", "de-ls"))
def test_the_form_in_arabic_and_leichte_sprache(world, live_server, browser, code, width):
    cache.clear()
    page = login_context(browser, live_server, None).new_page()
    page.set_viewport_size({"width": width, "height": 900})
    csp = watch_csp(page)
    failures: list[str] = []
    page.goto(f"{live_server.url}/diskriminierung-melden/{code}/")
    page.wait_for_load_state("load")
    rtl = code == "ar"
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == (
        "rtl" if rtl else "ltr"
    )
    assert page.evaluate("document.documentElement.lang") == ("ar" if rtl else "de-x-ls")
    if rtl:
        # mirrored: a label starts at the right edge of its field
        label = page.locator("label[for=id_place]").bounding_box()
        field = page.locator("#id_place").bounding_box()
        assert abs((label["x"] + label["width"]) - (field["x"] + field["width"])) < 4
    _check(page, csp, failures, f"{code} form", f"report-{code}")

    # a POST with a mistake: the error in the language next to the field, the text kept
    page.locator("#id_description").fill("شتمني السائق في الحافلة.")
    with page.expect_navigation():
        page.locator("form.portal-form button[type=submit]").click()
    assert page.url.endswith(f"/diskriminierung-melden/{code}/")
    error = page.locator("#id_happened_on_error").inner_text()
    assert error.strip() and "Dieses Feld" not in error
    assert page.locator("#id_description").input_value() == "شتمني السائق في الحافلة."
    _check(page, csp, failures, f"{code} form with errors", f"report-{code}-errors")

    # then valid: the receipt in the same language
    page.locator("#id_happened_on").fill("2026-01-05")
    page.locator("#id_region").select_option(label="Kassel")
    page.locator("input[name=life_area]").first.check()
    page.locator("input[name=grounds]").first.check()
    with page.expect_navigation():
        page.locator("form.portal-form button[type=submit]").click()
    code_text = page.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"([0-9A-Z]{4}-){5}[0-9A-Z]{4}", code_text)
    assert page.evaluate("document.documentElement.lang") == ("ar" if rtl else "de-x-ls")
    _check(page, csp, failures, f"{code} receipt", f"receipt-{code}")
    assert not failures, "\n".join(failures)
