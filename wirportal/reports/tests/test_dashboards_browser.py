"""In Chromium at 390 and 1280 px: a case worker filters the dashboard by keyboard (the filter
lands in the URL), downloads the filtered table as CSV and XLSX; every dashboard page and the
report page pass axe, with no sideways scrolling and no CSP violation."""

import csv
import io

import pytest

from tests.browser import check_page, login_context, requires_chromium, watch_csp

from .test_dashboards import Data

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

SIZES = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]
PAGES = ["haushalt", "antraege", "kennzahlen", "veranstaltungen"]


def test_filtered_dashboard_and_its_exports(world, live_server, browser, settings):
    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by the accounts tests
    data = Data(world)
    data.fill()
    base = live_server.url
    failures: list[str] = []
    context = login_context(browser, live_server, world.users["case_worker"])
    page = context.new_page()
    csp = watch_csp(page)
    page.set_viewport_size(SIZES[0])
    page.goto(f"{base}/auswertungen/")
    page.locator("select[name=jahr]").select_option("2026")
    page.locator("select[name=linie]").select_option(label="Linie B")
    page.locator("select[name=linie]").focus()
    page.keyboard.press("Tab")  # Regierungsbezirk
    page.keyboard.press("Tab")  # WIR-Einheit
    page.keyboard.press("Tab")  # Anzeigen
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "jahr=2026" in page.url
    assert f"linie={data.line_b.pk}" in page.url
    table = page.get_by_role("table", name="Mittel je Jahr und Förderlinie")
    assert "Linie B" in table.inner_text()
    assert "Linie A" not in table.inner_text()
    assert (page.locator("svg[role=img] title").first.text_content() or "").startswith("Diagramm")
    # amounts in tabular figures, lined up on the right; on a phone the table is a list of blocks
    amount = table.locator("td[data-label=Gebunden]").first
    style = "c => [getComputedStyle(c).textAlign, getComputedStyle(c).fontVariantNumeric]"
    assert amount.evaluate(style) == ["left", "tabular-nums"]
    page.set_viewport_size(SIZES[1])
    assert amount.evaluate(style) == ["right", "tabular-nums"]
    page.set_viewport_size(SIZES[0])
    check_page(page, failures, "haushalt-gefiltert", SIZES, "reports-haushalt-gefiltert")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Mittel je Jahr und Förderlinie als CSV").click()
    raw = download_info.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:-1]] == ["Linie B"]
    assert rows[1][3] == "700,50"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Mittel je Jahr und Förderlinie als Excel (XLSX)").click()
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(download_info.value.path().read_bytes())).active
    assert sheet.cell(row=2, column=2).value == "Linie B"
    assert sheet.cell(row=2, column=4).value == pytest.approx(700.5)

    for name in PAGES[1:]:
        page.goto(f"{base}/auswertungen/{name}/?jahr=2026")
        check_page(page, failures, name, SIZES, f"reports-{name}")
    page.goto(f"{base}/programmberichte/")
    check_page(page, failures, "programmberichte", SIZES, "reports-programmberichte")
    assert not csp, csp
    assert not failures, "\n".join(failures)
