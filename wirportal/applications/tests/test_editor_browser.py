"""In Chromium: the draft editor never loses input (issue #9).

A keyboard user enters a whole cost and financing plan (Tab, typing, Enter/Space on the add
buttons) and tabs across the "Zeile entfernen" buttons without pressing them; a failed autosave
says so at once and is repeated until it succeeds.
"""

from decimal import Decimal as D
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.applications.models import Application

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path("/tmp/wirportal-editor-screenshots")
SIZES = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


def _wait_saved(page) -> None:
    """Until the editor has nothing left to save and the status says so."""
    page.wait_for_function(
        "() => { const f = document.getElementById('draft');"
        " return f.dataset.autosaveState === 'saved'"
        " && document.getElementById('save-status').textContent.includes('Gespeichert um'); }",
        timeout=15000,
    )


def _type_row(page, description: str, amount: str) -> None:
    """Focus is on the row's first field (the select): Tab, type, Tab, type, Tab to the
    row's "Zeile entfernen" button (not pressed), Tab to the add button."""
    page.keyboard.press("Tab")
    page.keyboard.type(description)
    page.keyboard.press("Tab")
    page.keyboard.type(amount)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zeile entfernen"
    page.wait_for_timeout(1200)  # a pause on the remove button: autosave runs, nothing removed
    page.keyboard.press("Tab")


def test_keyboard_user_enters_the_whole_plan_and_keeps_every_row(
    draft, world, live_server, browser
):
    context = login_context(browser, live_server, world.users["applicant_a"])
    page = context.new_page()
    csp = watch_csp(page)
    page.goto(live_server.url + reverse("applications:application-edit", args=[draft.pk]))
    page.locator("#cost-rows select").first.focus()  # from here on: only the keyboard

    costs = [("Honorare", "1.500,00"), ("Miete", "800"), ("Material", "250,50")]
    sources = [("Stadt Kassel", "300"), ("Eigenmittel", "120,25"), ("Irrtum", "1")]
    _type_row(page, *costs[0])
    for number, (description, amount) in enumerate(costs[1:], start=2):
        assert "Kostenposition hinzufügen" in page.evaluate("document.activeElement.textContent")
        page.keyboard.press("Enter" if number % 2 else "Space")
        page.locator("#cost-rows tr").nth(number - 1).wait_for()
        # the new row's first field has the focus
        assert page.evaluate("document.activeElement.closest('tr') !== null")
        _type_row(page, description, amount)
    # on to the financing plan: the table region, then the first row's select
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#source-rows') !== null")
    _type_row(page, *sources[0])
    page.keyboard.press("Space")
    page.locator("#source-rows tr").nth(1).wait_for()
    _type_row(page, *sources[1])
    page.keyboard.press("Enter")
    page.locator("#source-rows tr").nth(2).wait_for()
    _type_row(page, *sources[2])
    # pressing "Zeile entfernen" on purpose removes that row and leaves the focus at hand
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zeile entfernen"
    page.keyboard.press("Enter")
    page.locator("#source-rows tr").nth(2).wait_for(state="detached")
    assert "hinzufügen" in page.evaluate("document.activeElement.textContent")
    # Enter in a text field saves; it does not submit the form with the first row's button
    page.locator("#cost-rows input[type=text]").first.focus()
    page.keyboard.press("End")
    page.keyboard.type(" (Team)")
    page.keyboard.press("Enter")
    _wait_saved(page)

    page.reload()
    descriptions = page.locator("#cost-rows input[id$=-description]")
    assert [descriptions.nth(i).input_value() for i in range(descriptions.count())] == [
        "Honorare (Team)",
        "Miete",
        "Material",
    ]
    amounts = page.locator("#cost-rows input[id$=-amount]")
    assert [amounts.nth(i).input_value() for i in range(amounts.count())] == [
        "1500,00",
        "800,00",
        "250,50",
    ]
    names = page.locator("#source-rows input[id$=-name]")
    assert [names.nth(i).input_value() for i in range(names.count())] == [
        "Stadt Kassel",
        "Eigenmittel",
    ]
    application = Application.objects.get(pk=draft.pk)
    assert sorted(i.amount for i in application.cost_items.all()) == [
        D("250.50"),
        D("800.00"),
        D("1500.00"),
    ]
    assert sorted(s.amount for s in application.funding_sources.all()) == [
        D("120.25"),
        D("300.00"),
    ]
    assert not csp, csp


def test_enter_in_a_text_field_without_javascript_saves_and_removes_no_row(
    draft, world, live_server, browser
):
    """Without JavaScript, Enter submits the form with its default button: "Zwischenspeichern",
    never the first row's "Zeile entfernen"."""
    context = login_context(
        browser, live_server, world.users["applicant_a"], java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("applications:application-edit", args=[draft.pk]))
    page.locator("#cost-rows input[id$=-description]").first.fill("Honorare")
    page.locator("#cost-rows input[id$=-description]").first.press("Enter")
    page.wait_for_load_state()
    page.get_by_text("Ihre Eingaben sind gespeichert.").wait_for()
    assert draft.cost_items.get().description == "Honorare"


def test_a_failed_autosave_says_so_and_is_repeated_until_it_succeeds(
    draft, world, live_server, browser
):
    context = login_context(browser, live_server, world.users["applicant_a"])
    page = context.new_page()
    csp = watch_csp(page)
    failures: list[str] = []
    page.goto(live_server.url + reverse("applications:application-edit", args=[draft.pk]))
    autosave = "**" + reverse("applications:application-autosave", args=[draft.pk])
    attempts: list[str] = []

    def broken(route):
        attempts.append(route.request.method)
        if len(attempts) == 1:
            route.abort("connectionrefused")  # network error
        elif len(attempts) == 2:
            route.fulfill(status=500, body="Server Error")
        else:
            route.fulfill(status=409, body="Conflict")

    page.route(autosave, broken)
    page.get_by_label("Projekttitel").fill("Sprachcafé")
    status = page.locator("#save-status")
    status.get_by_text("nicht gespeichert").wait_for(timeout=10000)
    assert "Gespeichert um" not in status.text_content()
    assert page.get_by_label("Projekttitel").input_value() == "Sprachcafé"  # input kept
    check_page(page, failures, "autosave failed", sizes=SIZES)
    SCREENSHOTS.mkdir(exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        status.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"failed-{width}.png"))
        # further down, at the cost plan, the failure stays in sight
        page.locator("#cost-rows").scroll_into_view_if_needed()
        assert status.is_visible()
        box = status.bounding_box()
        assert box is not None and 0 <= box["y"] < height
        page.screenshot(path=str(SCREENSHOTS / f"failed-scrolled-{width}.png"))
    # typing goes on while the server is away; it is saved once the server answers again
    while len(attempts) < 3:
        page.wait_for_timeout(200)
    page.get_by_label("Geplante Teilnehmende (Anzahl)").fill("12")
    page.unroute(autosave)
    _wait_saved(page)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        status.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"recovered-{width}.png"))
    application = Application.objects.get(pk=draft.pk)
    assert application.title == "Sprachcafé"
    assert application.participants_planned == 12
    page.reload()
    assert page.get_by_label("Projekttitel").input_value() == "Sprachcafé"
    assert not failures, "\n".join(failures)
    assert not csp, csp


def test_a_save_answered_by_the_login_page_says_so_and_is_repeated(
    draft, world, live_server, browser
):
    """An expired session: the autosave is redirected to the login page; that is no save."""
    context = login_context(browser, live_server, world.users["applicant_a"])
    page = context.new_page()
    page.goto(live_server.url + reverse("applications:application-edit", args=[draft.pk]))
    autosave = "**" + reverse("applications:application-autosave", args=[draft.pk])
    page.route(
        autosave,
        lambda route: route.fulfill(status=302, headers={"Location": "/accounts/login/"}),
    )
    page.get_by_label("Projekttitel").fill("Sprachcafé")
    page.locator("#save-status").get_by_text("nicht mehr angemeldet").wait_for(timeout=10000)
    page.unroute(autosave)
    _wait_saved(page)
    assert Application.objects.get(pk=draft.pk).title == "Sprachcafé"


def test_project_end_before_start_is_shown_in_the_status_and_next_to_the_field(
    draft, world, live_server, browser
):
    context = login_context(browser, live_server, world.users["applicant_a"])
    page = context.new_page()
    csp = watch_csp(page)
    failures: list[str] = []
    page.goto(live_server.url + reverse("applications:application-edit", args=[draft.pk]))
    page.get_by_label("Projektende").fill("2027-01-15")  # before the start, 01.02.2027
    page.get_by_label("Geplante Teilnehmende (Anzahl)").fill("²")
    page.get_by_label("Geplante Teilnehmende (Anzahl)").press("Tab")
    status = page.locator("#save-status")
    status.get_by_text("Das Projektende liegt vor dem Projektbeginn.").wait_for()
    status.get_by_text("Bitte geben Sie eine ganze Zahl an.").wait_for()
    _wait_saved(page)
    page.reload()
    assert page.get_by_label("Projektende").input_value() == "2027-01-15"
    assert page.get_by_label("Geplante Teilnehmende (Anzahl)").input_value() == "²"
    assert page.locator("#period_end_error").text_content().strip() == (
        "Das Projektende liegt vor dem Projektbeginn."
    )
    check_page(page, failures, "period error", sizes=SIZES)
    SCREENSHOTS.mkdir(exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.get_by_label("Projektende").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"period-error-{width}.png"))
    assert not failures, "\n".join(failures)
    assert not csp, csp
