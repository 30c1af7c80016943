"""In Chromium: call-down by the recipient (at 390 px, refused amount corrected, sent by
keyboard) → sachlich richtig by the case worker → order by a second person → payment run →
SEPA file download → executed; axe on every page visited."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.payments import services
from wirportal.payments.models import PaymentRequest, PaymentRun, RequestStatus
from wirportal.programmes.models import LedgerEntry, LedgerKind

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_call_down_check_order_run_download_execute(
    world, grant, live_server, browser, settings, monkeypatch
):
    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by the accounts tests
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2027, 3, 2))
    base = live_server.url
    failures: list[str] = []
    reference = grant.application.reference

    # --- the recipient calls down, on a phone ---------------------------------------------------
    context = login_context(browser, live_server, world.users["applicant_a"])
    applicant = context.new_page()
    applicant.set_viewport_size({"width": 390, "height": 844})
    csp = watch_csp(applicant)
    applicant.goto(f"{base}/mittelabrufe/")
    check_page(applicant, failures, "my call-downs")
    applicant.get_by_role("link", name=f"Mittel abrufen zu {reference}").click()
    check_page(applicant, failures, "call-down form")
    assert "6.500,00" in applicant.content()  # the instalment plan
    applicant.get_by_label("Abrufbetrag in Euro").fill("1.950,01")
    applicant.get_by_label("Benötigt am").fill("2027-04-13")
    applicant.get_by_label("Im Abrufzeitraum fällige Ausgaben in Euro").fill("2.400,00")
    applicant.get_by_label("Abrufbetrag in Euro").press("Enter")  # by keyboard
    applicant.wait_for_load_state()
    assert "höchstens 1.950,00" in applicant.content()
    assert applicant.get_by_label("Im Abrufzeitraum fällige Ausgaben in Euro").input_value() == (
        "2.400,00"
    )
    check_page(applicant, failures, "call-down form with error")
    applicant.get_by_label("Abrufbetrag in Euro").fill("1.950,00")
    applicant.get_by_label("Abrufbetrag in Euro").press("Enter")
    applicant.wait_for_load_state()
    assert "Ihr Mittelabruf ist eingegangen" in applicant.content()
    check_page(applicant, failures, "call-down (recipient)")
    payment = PaymentRequest.objects.get()
    assert payment.amount == Decimal("1950.00")

    # --- the case worker checks it (sachlich richtig) ---------------------------------------------
    worker = login_context(browser, live_server, world.users["case_worker"]).new_page()
    worker.goto(f"{base}/mittelabrufe/")
    check_page(worker, failures, "call-downs (staff)")
    worker.get_by_role("link", name=f"{reference}, 1. Rate").click()
    check_page(worker, failures, "call-down (to check)")
    worker.get_by_role("button", name="Sachlich richtig zeichnen").click()
    assert "Eine andere Person muss die Zahlung anordnen" in worker.content()
    assert worker.get_by_role("button", name="Zahlung anordnen").count() == 0
    check_page(worker, failures, "call-down (checked, own)")

    # --- a second person orders it and builds the payment run ------------------------------------
    staff = login_context(browser, live_server, world.users["programme_staff"]).new_page()
    staff.goto(f"{base}/mittelabrufe/{payment.pk}/")
    staff.get_by_role("button", name="Zahlung anordnen").click()
    assert "Die Zahlung ist angeordnet" in staff.content()
    check_page(staff, failures, "call-down (ordered)")
    staff.goto(f"{base}/zahllaeufe/")
    check_page(staff, failures, "payment runs")
    staff.get_by_label("Ausführungsdatum").fill("2027-03-05")
    staff.get_by_role("button", name="SEPA-Datei erstellen").click()
    assert "gegen das XSD-Schema geprüft" in staff.content()
    check_page(staff, failures, "payment run")
    assert f"{reference} Zuwendung 1. Rate" in staff.content()
    with staff.expect_download() as download_info:
        staff.get_by_role("link", name="SEPA-Datei herunterladen").click()
    with open(download_info.value.path(), encoding="utf-8") as handle:
        xml = handle.read()
    services.validate_sepa_xml(xml)
    assert "<CtrlSum>1950.00</CtrlSum>" in xml
    staff.get_by_role("button", name="Als ausgeführt buchen").click()
    assert "Der Zahllauf ist als ausgeführt gebucht" in staff.content()
    check_page(staff, failures, "payment run (executed)")

    assert PaymentRun.objects.get().xml == xml
    assert PaymentRequest.objects.get().status == RequestStatus.PAID
    assert LedgerEntry.objects.get(kind=LedgerKind.PAYMENT).amount == Decimal("1950.00")
    applicant.reload()
    assert "Ausgezahlt" in applicant.content()
    assert not csp, csp
    assert not failures, "\n\n".join(failures)
