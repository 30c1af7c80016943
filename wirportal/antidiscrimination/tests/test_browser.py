"""In Chromium, by keyboard only: submit a report → staff reply → follow-up with the code;
axe (0 violations) on every page at 1280 and 390 px."""

import re

import pytest
from django.core.cache import cache

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.antidiscrimination.models import Report

from .factories import centre

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]
SIZES = [{"width": 1280, "height": 900}, {"width": 390, "height": 900}]


def _tab_to(page, locator, limit=120):
    """Press Tab until `locator` has the focus (keyboard only: no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"could not reach {locator} with Tab")


def _enter(page):
    """Enter on the focused button or link, and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_report_reply_follow_up_by_keyboard(world, live_server, browser):
    cache.clear()
    centre()
    failures: list[str] = []
    page = login_context(browser, live_server, None).new_page()
    csp = watch_csp(page)
    page.goto(f"{live_server.url}/")
    link = page.locator("footer").get_by_role("link", name="Diskriminierung melden")
    _tab_to(page, link)
    _enter(page)
    page.wait_for_url(re.compile("/diskriminierung-melden/$"))
    check_page(page, failures, "report form", sizes=SIZES)

    # a mistake first: the error is named, what was typed stays
    _tab_to(page, page.get_by_label("Was ist passiert?"))
    page.keyboard.type("Bei der Wohnungssuche abgewiesen wegen meines Namens.")
    _tab_to(page, page.get_by_role("button", name="Meldung absenden"))
    _enter(page)
    assert "Bitte prüfen Sie Ihre Angaben." in page.content()
    assert "Wohnungssuche" in page.get_by_label("Was ist passiert?").input_value()
    check_page(page, failures, "report form with errors", sizes=SIZES)

    _tab_to(page, page.get_by_label("Wann ist es passiert?"))
    page.keyboard.type("05012026")
    _tab_to(page, page.get_by_label(re.compile("Wo ist es passiert")))
    page.keyboard.type("Kassel")
    # a radio group is one Tab stop; the arrow keys choose within it
    _tab_to(page, page.get_by_label("Arbeit und Ausbildung"))
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Wohnen").is_checked()
    _tab_to(page, page.get_by_label("Rassismus / ethnische Herkunft"))
    page.keyboard.press("Space")
    _tab_to(page, page.get_by_label(re.compile("an eine Beratungsstelle weitergegeben")))
    page.keyboard.press("Space")
    _tab_to(page, page.get_by_role("button", name="Meldung absenden"))
    _enter(page)
    page.get_by_text("Ihre Meldung ist eingegangen").first.wait_for()
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"([0-9A-Z]{4}-){5}[0-9A-Z]{4}", code), code
    check_page(page, failures, "receipt", sizes=SIZES)
    report = Report.objects.get()
    assert report.region.slug == "kassel" and report.referral_wanted

    # the unit replies
    staff = login_context(browser, live_server, world.users["antidiscrimination"]).new_page()
    staff.goto(f"{live_server.url}/antidiskriminierung/")
    check_page(staff, failures, "report list", sizes=SIZES)
    _tab_to(staff, staff.get_by_role("link", name=report.public_id))
    _enter(staff)
    staff.wait_for_url(re.compile(rf"/meldungen/{report.pk}/$"))
    check_page(staff, failures, "report detail", sizes=SIZES)
    _tab_to(staff, staff.get_by_label("Antwort an die meldende Person"))
    staff.keyboard.type("Danke. Wir haben eine Beratungsstelle in Kassel für Sie.")
    _tab_to(staff, staff.get_by_role("button", name="Antwort speichern"))
    _enter(staff)
    staff.get_by_text("Die Antwort ist gespeichert.").wait_for()
    staff.goto(f"{live_server.url}/antidiskriminierung/meldungen/{report.pk}/weitergeben/")
    check_page(staff, failures, "refer", sizes=SIZES)
    for url, label in (
        ("/antidiskriminierung/statistik/", "statistics"),
        ("/antidiskriminierung/beratungsstellen/", "centres"),
        ("/antidiskriminierung/beratungsstellen/neu/", "centre form"),
        ("/antidiskriminierung/loeschfristen/", "retention"),
    ):
        staff.goto(live_server.url + url)
        check_page(staff, failures, label, sizes=SIZES)

    # the reporter comes back with the code
    page.goto(f"{live_server.url}/diskriminierung-melden/nachfrage/")
    check_page(page, failures, "code form", sizes=SIZES)
    _tab_to(page, page.get_by_label("Ihr Code"))
    page.keyboard.type(code.lower())
    _enter(page)
    page.get_by_text("Danke. Wir haben eine Beratungsstelle in Kassel für Sie.").wait_for()
    check_page(page, failures, "follow-up", sizes=SIZES)
    _tab_to(page, page.get_by_label("Was möchten Sie ergänzen?"))
    page.keyboard.type("Es gibt eine Zeugin.")
    _tab_to(page, page.get_by_role("button", name="Ergänzung senden"))
    _enter(page)
    page.get_by_text("Ihre Ergänzung ist gespeichert.").wait_for()
    assert "Es gibt eine Zeugin." in page.content()
    check_page(page, failures, "follow-up after adding", sizes=SIZES)

    assert not csp, csp
    assert not failures, "\n\n".join(failures)
