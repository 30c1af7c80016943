"""In Chromium at 390 and 1280 px (brief F2): the case worker checks the 2026 interim proof, sees
the year balance, enters a wrong amount (shown next to its field, nothing lost), then confirms
by keyboard; the recipient's call-down page and the payment request show the set-off. axe on
every page; no horizontal scrolling; no CSP violations."""

import uuid
from datetime import date
from decimal import Decimal

import pytest

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.payments import services as payment_services
from wirportal.payments.models import PaymentRequest, SetOff
from wirportal.settlement.models import ProofOfUse, ProofStatus

from .factories import submitted_interim, two_year_grant

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

SIZES = [{"width": 390, "height": 844}, {"width": 1280, "height": 900}]


@pytest.mark.parametrize("size", SIZES, ids=["390", "1280"])
def test_year_balance_confirmed_by_keyboard(world, live_server, browser, settings, size):
    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by the accounts tests
    grant = two_year_grant(world)
    proof = submitted_interim(world, grant)
    base = live_server.url
    failures: list[str] = []

    staff = login_context(browser, live_server, world.users["case_worker"]).new_page()
    csp = watch_csp(staff)
    staff.set_viewport_size(size)
    staff.goto(f"{base}/verwendungsnachweise/{proof.pk}/")
    assert staff.get_by_text("Nicht verbraucht 8.000,00 €: verrechnet 8.000,00 €").is_visible()
    check_page(staff, failures, "interim proof to check", SIZES)
    staff.set_viewport_size(size)

    spent = staff.get_by_label("Im Jahr aus der Zuwendung verausgabt (Euro)")
    spent.fill("hundertzwölftausend")
    staff.get_by_label("Ohne Beanstandung").check()
    confirm = staff.get_by_role("button", name="Prüfergebnis und Jahresergebnis speichern")
    confirm.focus()
    with staff.expect_navigation():
        staff.keyboard.press("Enter")
    invalid = staff.locator("[aria-invalid=true]")
    assert invalid.count() == 1 and invalid.input_value() == "hundertzwölftausend"
    assert staff.get_by_label("Ohne Beanstandung").is_checked()  # nothing entered lost
    check_page(staff, failures, "interim check with an error", SIZES)
    staff.set_viewport_size(size)

    invalid.fill("112.000,00")
    confirm = staff.get_by_role("button", name="Prüfergebnis und Jahresergebnis speichern")
    confirm.focus()
    staff.keyboard.press("Enter")
    staff.get_by_text(
        "Das Ergebnis der Kurzprüfung und das Jahresergebnis sind gespeichert."
    ).wait_for()
    assert staff.get_by_text("wird von der nächsten Zahlung abgezogen").is_visible()
    check_page(staff, failures, "interim proof checked", SIZES)
    assert (
        ProofOfUse.objects.get(pk=proof.pk).status == ProofStatus.CHECKED
        and SetOff.objects.get().amount == 8000
    )

    recipient = login_context(browser, live_server, world.users["applicant_a"]).new_page()
    csp_recipient = watch_csp(recipient)
    recipient.set_viewport_size(size)
    recipient.goto(f"{base}/mittelabrufe/abruf/{grant.pk}/")
    assert recipient.get_by_text("werden von Ihrer nächsten Zahlung abgezogen").is_visible()
    check_page(recipient, failures, "call-down with an open set-off", SIZES)

    payment = payment_services.payment_request_create(
        decision=grant,
        by=world.users["applicant_a"],
        amount=Decimal("120000.00"),
        needed_on=date(2027, 5, 20),
        token=uuid.uuid4(),
        today=date(2027, 5, 10),
    )
    recipient.set_viewport_size(size)
    recipient.goto(f"{base}/mittelabrufe/{payment.pk}/")
    assert recipient.get_by_text("Auszahlungsbetrag").is_visible()
    check_page(recipient, failures, "payment request with a set-off", SIZES)
    assert PaymentRequest.objects.get(pk=payment.pk).set_off == 8000

    assert not failures, "\n".join(failures)
    assert not csp and not csp_recipient, (csp, csp_recipient)
