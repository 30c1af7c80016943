"""In Chromium at 390 and 1280 px: the case worker sees what stands in the way of closing the
grant's file, then closes it by keyboard; the recipient sees "abgeschlossen"; the recovery page
with its D6 warning and the call-down page. axe on every page; no horizontal scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.settlement.models import GrantClosure

from .factories import accepted_decision
from .test_closure import reclaim, settle

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

SIZES = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]


def test_closing_the_file_on_a_phone(world, live_server, browser, settings):
    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by the accounts tests
    decision = accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])
    proof = settle(decision, world)
    base = live_server.url
    failures: list[str] = []

    staff = login_context(browser, live_server, world.users["case_worker"]).new_page()
    csp = watch_csp(staff)
    staff.goto(f"{base}/verwendungsnachweise/{proof.pk}/")
    assert staff.get_by_text("Die Förderakte kann noch nicht abgeschlossen werden").is_visible()
    check_page(staff, failures, "settled proof with obstacles", SIZES)
    # the Rückforderung in its hearing: the page with the D6 dates
    today = timezone.localdate()
    from wirportal.settlement import services

    hearing = services.recovery_open(
        decision=accepted_decision(
            organisation=world["org_a"], applicant=world.users["applicant_a"]
        ),
        by=world.users["case_worker"],
        principal=proof.repayment,
        reason="Geringere Ausgaben",
        effective_from=today - timedelta(days=300),
        facts_known_on=today - timedelta(days=345),
        hearing_posted_on=today - timedelta(days=1),
    )
    staff.goto(f"{base}/rueckforderungen/{hearing.pk}/")
    assert staff.get_by_text("Der Widerruf ist nur noch bis zum").is_visible()
    check_page(staff, failures, "recovery with D6 warning", SIZES)

    reclaim(decision, world, proof)
    staff.goto(f"{base}/verwendungsnachweise/{proof.pk}/")
    button = staff.get_by_role("button", name="Förderakte abschließen")
    check_page(staff, failures, "settled proof ready to close", SIZES)
    button.focus()
    staff.keyboard.press("Enter")
    staff.wait_for_url("**/abschluss/")
    assert staff.get_by_text("Die Förderakte ist abgeschlossen.").is_visible()
    check_page(staff, failures, "closure page (closed)", SIZES)
    assert GrantClosure.objects.filter(decision=decision).exists()

    recipient = login_context(browser, live_server, world.users["applicant_a"]).new_page()
    csp_recipient = watch_csp(recipient)
    recipient.goto(f"{base}/verwendungsnachweise/{proof.pk}/")
    assert recipient.get_by_text("abgeschlossen", exact=True).is_visible()
    check_page(recipient, failures, "settled proof (recipient, closed)", SIZES)
    recipient.goto(f"{base}/verwendungsnachweise/entscheidung/{decision.pk}/abschluss/")
    check_page(recipient, failures, "closure page (recipient)", SIZES)

    assert not failures, "\n".join(failures)
    assert not csp and not csp_recipient, (csp, csp_recipient)


def test_call_down_page_passes_axe_at_both_widths(world, live_server, browser, settings):
    from wirportal.payments.tests.factories import accepted_grant

    grant = accepted_grant(
        organisation=world["org_a"],
        applicant=world.users["applicant_a"],
        case_worker=world.users["case_worker"],
    )
    page = login_context(browser, live_server, world.users["applicant_a"]).new_page()
    csp = watch_csp(page)
    failures: list[str] = []
    page.goto(f"{live_server.url}/mittelabrufe/abruf/{grant.pk}/")
    check_page(page, failures, "call-down", SIZES)
    assert not failures, "\n".join(failures)
    assert not csp, csp
