"""In Chromium at 390 px, by keyboard only: the case worker reduces the eligible costs of the
Vielfaltszentrum Bad Homburg (brief F1), is told next to the fields what is missing (reason,
yearly amounts that no longer add up) with every value kept, corrects them and proposes; a
second person approves and the later years are bound against the Verpflichtungsermächtigung.
axe on every state."""

import re
from decimal import Decimal

import pytest

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.decisions.models import GrantDecision
from wirportal.programmes.models import LedgerEntry, LedgerKind

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def _type(page, locator, text):
    """Focus a field and replace its value by typing, as a keyboard user does."""
    locator.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_propose_with_eligible_costs_and_yearly_amounts_by_keyboard_at_390px(
    world, bad_homburg, second_case_worker, live_server, browser, settings
):
    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by the accounts tests
    failures: list[str] = []
    base = live_server.url
    page = login_context(browser, live_server, world.users["case_worker"]).new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    csp = watch_csp(page)
    page.goto(f"{base}/entscheidungen/antrag/{bad_homburg.pk}/")
    check_page(page, failures, "summary with the proposal form")
    # the budget table shows the Ansatz 2026 and the VE of the 2026 budget for 2027–2030
    assert "Ansatz 2026" in page.content()
    assert "Verpflichtungsermächtigung 2026 für 2027–2030" in page.content()
    for year in range(2026, 2031):
        assert page.get_by_label(f"Haushaltsjahr {year}").input_value() == "120.000,00"

    page.get_by_label("Bewilligung", exact=True).focus()
    page.keyboard.press("Space")
    eligible = page.get_by_label(re.compile("zuwendungsfähig in Euro"))
    _type(page, eligible, "640.000,00")
    page.keyboard.press("Tab")  # the reason of the same line comes next
    assert page.evaluate("document.activeElement.name").startswith("reason_")
    amount = page.get_by_label("Betrag in Euro")
    _type(page, amount, "590.000,00")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the form
    check_page(page, failures, "proposal refused: reason missing")
    assert "Bitte begründen Sie, warum 640.000,00" in page.content()
    assert "Höchstens 590.000,00" in page.content()  # recomputed from the eligible costs
    assert page.get_by_label(re.compile("zuwendungsfähig in Euro")).input_value() == "640.000,00"
    assert page.get_by_label("Betrag in Euro").input_value() == "590.000,00"

    _type(
        page,
        page.get_by_label(re.compile("Begründung der Abweichung")),
        "Reisekosten über dem Hessischen Reisekostengesetz.",
    )
    page.get_by_label("Betrag in Euro").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_page(page, failures, "proposal refused: yearly amounts")
    assert "ergeben 600.000,00" in page.content()
    assert page.locator("#year-amounts-error").is_visible()
    assert "Reisekosten über dem Hessischen Reisekostengesetz." in page.content()

    _type(page, page.get_by_label("Haushaltsjahr 2030"), "110.000,00")
    page.get_by_role("button", name="Vorschlag speichern").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "eine zweite Person muss ihn freigeben" in page.content()
    check_page(page, failures, "decision proposed")
    decision = GrantDecision.objects.get(application=bad_homburg)
    assert (decision.amount, decision.eligible_costs) == (
        Decimal("590000.00"),
        Decimal("640000.00"),
    )
    assert decision.year_amounts["2030"] == "110000.00"
    assert "Reisekosten über dem Hessischen Reisekostengesetz." in page.content()

    approver = login_context(browser, live_server, second_case_worker).new_page()
    approver.set_viewport_size({"width": 390, "height": 844})
    approver.goto(f"{base}/entscheidungen/{decision.pk}/")
    approver.get_by_role("button", name="Entscheidung freigeben").focus()
    with approver.expect_navigation():
        approver.keyboard.press("Enter")
    assert "Die Entscheidung ist freigegeben." in approver.content()
    check_page(approver, failures, "decision approved")
    ve = LedgerEntry.objects.filter(source_key=decision.source_key, kind=LedgerKind.VE_COMMITMENT)
    assert sorted(ve.values_list("burden_year", flat=True)) == [2027, 2028, 2029, 2030]
    assert not csp, csp
    assert not failures, "\n\n".join(failures)
