"""In Chromium at 1280 and 390 px: each role's start page passes axe, does not scroll sideways,
and leads to the role's main task by clicking only (no typed URLs beyond the start page).

Also (issue #12, second part): `/` leads a signed-in person to their start page with its first
button; the applicant's start page leads to the call-downs on their way and starts the proofs of
use due; the application page shows the mail log (the applicant only their own mails, the case
worker all of them); at 390 px the main navigation is one row that scrolls inside itself and
keyboard focus on its links is visible."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser import check_page, login_context, requires_chromium, watch_csp

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
WIDTHS = (1280, 390)


def _page(browser, live_server, user, width):
    page = login_context(browser, live_server, user).new_page()
    page.set_viewport_size({"width": width, "height": 900})
    return page


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def data(world):
    from wirportal.events.tests.factories import EventFactory
    from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory
    from wirportal.programmes.tests.factories import CallFactory
    from wirportal.reviews import services
    from wirportal.reviews.tests.factories import application_in_review

    today = timezone.localdate()
    CallFactory(
        title="Aufruf Vielfalt vor Ort",
        opens_at=today - timedelta(days=5),
        closes_at=today + timedelta(days=40),
    )
    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"], budget=None
    )
    services.documents_request(
        application=application,
        by=world.users["case_worker"],
        missing=["Konzept"],
        note="Bitte reichen Sie das unterschriebene Konzept nach.",
        deadline=today + timedelta(days=14),
    )
    StaffEntryFactory(office=world["office_x"], name="Ayşe Demir", publish=True)
    RegionalActorFactory(name="Nachbarschaftshilfe Kassel e. V.", offices=[world["office_x"]])
    EventFactory(title="Regionalkonferenz Nordhessen", host_office=world["office_x"])
    from wirportal.dashboards.tests.test_start_money import _multi_year_grant, _requested

    grant = _multi_year_grant(world)
    _requested(grant)
    return {"application": application, "grant": grant}


def _check_navigation(page, failures, label):
    """At 390 px the main navigation is one row (not eleven) that never widens the page; a link
    reached by the keyboard shows its focus (outline)."""
    if page.viewport_size["width"] < 600:
        height = page.locator(".portal-nav").bounding_box()["height"]
        if height > 70:
            failures.append(f"{label}: the navigation is {height:.0f} px high at 390 px")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.portal-nav__link')"):
            break
    else:
        failures.append(f"{label}: no navigation link reached by the keyboard")
        return
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; })()"
    )
    if not outline:
        failures.append(f"{label}: the focused navigation link shows no outline")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_role_reaches_its_main_task_from_the_start_page(
    world, data, live_server, browser, settings, width
):
    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by tests/test_auth.py
    failures: list[str] = []
    base = live_server.url
    application = data["application"]

    # applicant: the request for documents leads to the application, which shows it too
    page = _page(browser, live_server, world.users["applicant_a"], width)
    csp = watch_csp(page)
    page.goto(base + "/")
    check_page(page, failures, f"applicant home {width}")
    _shot(page, f"home-applicant-{width}")
    page.get_by_role("link", name="Zu Ihrer Übersicht: was jetzt ansteht").click()
    page.wait_for_url("**/start/")
    check_page(page, failures, f"applicant start {width}")
    _check_navigation(page, failures, f"applicant start {width}")
    _shot(page, f"start-applicant-{width}")
    page.get_by_role("link", name=application.title).first.click()
    page.wait_for_url(f"**/antraege/{application.pk}/")
    check_page(page, failures, f"applicant application {width}")
    main = page.locator("main").inner_text()
    assert "unterschriebene Konzept" in main
    assert "E-Mails an Sie zu diesem Antrag" in main and "a@example.org" in main
    _shot(page, f"application-applicant-{width}")
    page.go_back()
    # payments and proofs due: the call-down on its way, then the interim proof started
    grant = data["grant"]
    reference = grant.application.reference
    page.get_by_role("link", name=f"Mittelabruf 1 für {reference}").click()
    page.wait_for_url("**/mittelabrufe/*/")
    check_page(page, failures, f"applicant call-down on its way {width}")
    page.go_back()
    page.wait_for_url("**/start/")
    page.get_by_role("button", name=re.compile(rf"Nachweis anlegen \(2026, {reference}\)")).click()
    page.wait_for_url("**/verwendungsnachweise/*/bearbeiten/")
    check_page(page, failures, f"applicant interim proof {width}")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Meine Übersicht"
    ).click()
    page.wait_for_url("**/start/")
    assert "Entwurf weiter bearbeiten" in page.locator("main").inner_text()
    _shot(page, f"start-applicant-proof-started-{width}")
    page.get_by_role("link", name="Aufruf Vielfalt vor Ort").click()
    page.wait_for_url("**/foerderaufrufe/*/")
    check_page(page, failures, f"applicant call {width}")
    page.get_by_role("link", name="Antrag stellen").click()
    page.wait_for_url("**/foerderaufrufe/*/antrag/")
    check_page(page, failures, f"applicant start application {width}")

    # case worker: the inbox entry leads to the review
    page = _page(browser, live_server, world.users["case_worker"], width)
    csp += watch_csp(page)
    page.goto(base + "/")
    page.locator("main").get_by_role("link", name="Meine Übersicht").click()
    check_page(page, failures, f"case worker start {width}")
    _shot(page, f"start-case-worker-{width}")
    page.get_by_role("link", name=application.reference).click()
    page.wait_for_url(f"**/{application.pk}/**")
    check_page(page, failures, f"case worker review {width}")
    page.get_by_role("link", name="Antrag ansehen").click()
    page.wait_for_url(f"**/antraege/{application.pk}/")
    check_page(page, failures, f"case worker application with mail log {width}")
    main = page.locator("main").inner_text()
    assert "E-Mails zu diesem Antrag" in main and "a@example.org" in main
    page.locator("#mail-log").scroll_into_view_if_needed()
    _shot(page, f"application-case-worker-{width}")

    # coordinator: my unit first, its page one click away
    page = _page(browser, live_server, world.users["coordinator_x"], width)
    csp += watch_csp(page)
    page.goto(base + "/")
    page.locator("main").get_by_role("link", name="Meine Übersicht").click()
    check_page(page, failures, f"coordinator start {width}")
    _shot(page, f"start-coordinator-{width}")
    page.get_by_role("link", name="Seite der Einheit öffnen").click()
    page.wait_for_url(f"**/{world['office_x'].slug}/")
    check_page(page, failures, f"coordinator unit {width}")

    # programme staff: the budget overview
    page = _page(browser, live_server, world.users["programme_staff"], width)
    csp += watch_csp(page)
    page.goto(base + "/")
    page.locator("main").get_by_role("link", name="Meine Übersicht").click()
    check_page(page, failures, f"programme start {width}")
    _check_navigation(page, failures, f"programme start {width}")
    _shot(page, f"start-programme-{width}")
    page.get_by_role("link", name="Zur Haushaltsübersicht").click()
    page.wait_for_url("**/haushalt/")
    check_page(page, failures, f"programme budget {width}")

    # visitor: an upcoming event and the unit directory
    page = _page(browser, live_server, None, width)
    csp += watch_csp(page)
    page.goto(base + "/")
    page.locator("main").get_by_role("link", name="Überblick").click()
    check_page(page, failures, f"visitor start {width}")
    _shot(page, f"start-visitor-{width}")
    page.get_by_role("link", name="Regionalkonferenz Nordhessen").click()
    page.wait_for_url("**/veranstaltungen/**")
    check_page(page, failures, f"visitor event {width}")
    page.go_back()
    page.get_by_role("link", name="Ihre WIR-Einheit finden").click()
    page.wait_for_url("**/einheiten/")
    check_page(page, failures, f"visitor units {width}")
    _shot(page, f"units-{width}")
    assert "Ayşe Demir" in page.locator("main").inner_text()  # published coordinator
    page.get_by_role("link", name="Kassel", exact=True).click()
    page.wait_for_url("**/einheiten/*/")
    check_page(page, failures, f"visitor unit page {width}")
    _shot(page, f"unit-kassel-{width}")
    page.get_by_role("link", name="Regionalkonferenz Nordhessen").click()
    page.wait_for_url("**/veranstaltungen/**")
    page.go_back()
    page.go_back()
    page.go_back()
    page.wait_for_url("**/start/")
    page.get_by_role("link", name="Alle Veranstaltungen").click()
    page.wait_for_url("**/veranstaltungen/")
    check_page(page, failures, f"visitor event list {width}")
    _shot(page, f"events-{width}")

    assert not csp, csp
    assert not failures, "\n\n".join(failures)
