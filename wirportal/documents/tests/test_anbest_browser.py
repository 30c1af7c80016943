"""The ANBest page in Chromium: axe (WCAG 2.1 AA) clean, also with refused input, at 390 px."""

import pytest

from tests.browser import check_page, login_context, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_anbest_page_passes_axe_with_and_without_errors(world, live_server, browser):
    context = login_context(browser, live_server, world.users["programme_staff"])
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    failures: list[str] = []
    page.goto(live_server.url + "/dokumente/anbest/")
    check_page(page, failures, "ANBest")
    # submitted empty by keyboard: every field says what is missing, the page stays accessible
    page.get_by_role("button", name="Fassung speichern").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".kern-error").count() >= 5  # kind has a default; the others are empty
    check_page(page, failures, "ANBest with errors")
    context.close()
    assert not failures, "\n".join(failures)
