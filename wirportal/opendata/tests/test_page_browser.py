"""In Chromium at 1280 and 390 px: the open-data page passes axe, does not scroll sideways,
has no CSP violation, and its links lead to the files by keyboard."""

import pytest

from tests.browser import check_page, login_context, requires_chromium, watch_csp

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", (1280, 390))
def test_open_data_page_passes_axe(published, live_server, browser, width):
    page = login_context(browser, live_server, None).new_page()
    page.set_viewport_size({"width": width, "height": 900})
    csp = watch_csp(page)
    page.goto(live_server.url + "/offene-daten/")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Offene Daten"
    failures: list[str] = []
    check_page(page, failures, "open data")
    assert not csp, csp
    # the year's CSV link is reachable by keyboard and leads to the file
    link = page.get_by_role("link", name="CSV 2026")
    link.focus()
    assert page.evaluate("document.activeElement.textContent") == "CSV 2026"
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "wir-foerderungen-2026.csv"
    assert not failures, "\n".join(failures)
