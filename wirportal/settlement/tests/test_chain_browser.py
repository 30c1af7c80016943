"""The whole money circle in Chromium (issue #11): call-down by the recipient → sachlich richtig by
the case worker → order by a second person → payment run file → executed → proof of use with a
CSV receipt import → quick check → final settlement → partial revocation after a hearing → letter →
repayment and interest booked. axe on every page; the ledger is checked at each money step.

The grant is brief B2's Fehlbedarf grant (A 8,000, E 1,500, Z 6,500 for 2027). The recipient spends
7,500 with the same own funds: final grant 6,000 (C2), 500 to repay; interest under § 49a Abs. 3
HVwVfG runs from the day the grant became ineffective."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.payments.models import PaymentRequest, RequestStatus
from wirportal.payments.tests.factories import accepted_grant
from wirportal.programmes.models import LedgerEntry, LedgerKind
from wirportal.settlement.models import (
    BaseRate,
    GrantClosure,
    ProofOfUse,
    ProofStatus,
    Recovery,
    RecoveryStatus,
)

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


class Clock:
    """The day the portal believes it is; moved forward as the story goes on."""

    def __init__(self, day: date) -> None:
        self.day = day

    def localdate(self, *args, **kwargs) -> date:
        return self.day


def _ledger(kind) -> Decimal:
    return sum((e.amount for e in LedgerEntry.objects.filter(kind=kind)), Decimal("0"))


def test_money_circle_from_call_down_to_repayment(
    world, live_server, browser, settings, monkeypatch
):
    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by the accounts tests
    clock = Clock(date(2027, 3, 2))
    monkeypatch.setattr(timezone, "localdate", clock.localdate)
    grant = accepted_grant(
        organisation=world["org_a"],
        applicant=world.users["applicant_a"],
        case_worker=world.users["case_worker"],
    )
    # staff keep the Basiszinssatz table; the half-years after the reference data are entered here
    # with a made-up rate of 1.27 % (the interest arithmetic itself is proved in test_interest.py)
    for year in (2026, 2027, 2028):
        for month in (1, 7):
            BaseRate.objects.get_or_create(
                effective_from=date(year, month, 1), defaults={"rate": Decimal("1.27")}
            )
    reference = grant.application.reference
    base = live_server.url
    failures: list[str] = []

    # --- 1. the recipient calls down the whole grant, on a phone ------------------------------------
    applicant = login_context(browser, live_server, world.users["applicant_a"]).new_page()
    applicant.set_viewport_size({"width": 390, "height": 844})
    csp = watch_csp(applicant)
    applicant.goto(f"{base}/mittelabrufe/")
    applicant.get_by_role("link", name=f"Mittel abrufen zu {reference}").click()
    check_page(applicant, failures, "call-down form")
    applicant.get_by_label("Abrufbetrag in Euro").fill("6.500,00")
    applicant.get_by_label("Benötigt am").fill("2027-04-13")
    applicant.get_by_label("Im Abrufzeitraum fällige Ausgaben in Euro").fill("8.000,00")
    applicant.get_by_label("Abrufbetrag in Euro").press("Enter")
    applicant.wait_for_load_state()
    assert "Ihr Mittelabruf ist eingegangen" in applicant.content()
    check_page(applicant, failures, "call-down sent")
    payment = PaymentRequest.objects.get()

    # --- 2. the case worker checks it, 3. a second person orders and pays it ----------------------
    worker = login_context(browser, live_server, world.users["case_worker"]).new_page()
    worker.set_viewport_size({"width": 1280, "height": 900})
    worker.goto(f"{base}/mittelabrufe/")
    worker.get_by_role("link", name=f"{reference}, 1. Rate").click()
    worker.get_by_role("button", name="Sachlich richtig zeichnen").click()
    check_page(worker, failures, "call-down checked")
    staff = login_context(browser, live_server, world.users["programme_staff"]).new_page()
    staff.set_viewport_size({"width": 1280, "height": 900})
    staff.goto(f"{base}/mittelabrufe/{payment.pk}/")
    staff.get_by_role("button", name="Zahlung anordnen").click()
    assert "Die Zahlung ist angeordnet" in staff.content()
    staff.goto(f"{base}/zahllaeufe/")
    staff.get_by_label("Ausführungsdatum").fill("2027-03-05")
    staff.get_by_role("button", name="SEPA-Datei erstellen").click()
    check_page(staff, failures, "payment run")
    with staff.expect_download() as download_info:
        staff.get_by_role("link", name="SEPA-Datei herunterladen").click()
    with open(download_info.value.path(), encoding="utf-8") as handle:
        assert "<CtrlSum>6500.00</CtrlSum>" in handle.read()
    staff.get_by_role("button", name="Als ausgeführt buchen").click()
    assert "Der Zahllauf ist als ausgeführt gebucht" in staff.content()
    assert PaymentRequest.objects.get().status == RequestStatus.PAID
    assert _ledger(LedgerKind.PAYMENT) == Decimal("6500.00")

    # --- 4. after the project: the proof of use with a CSV receipt import ------------------------
    clock.day = date(2028, 2, 1)
    applicant.goto(f"{base}/verwendungsnachweise/")
    applicant.get_by_role("button", name=f"Verwendungsnachweis für {reference} anlegen").click()
    applicant.wait_for_url("**/bearbeiten/")
    applicant.get_by_label("Sachbericht").fill("Zwei Kurse, 24 Teilnehmende, davon 17 Frauen.")
    applicant.get_by_label("Tatsächliche Ausgaben (Euro)").fill("7.500,00")
    applicant.get_by_label("Eigenmittel (tatsächlich eingesetzt, Euro)").fill("1.500,00")
    applicant.get_by_label("Drittmittel und Spenden (tatsächlich erhalten, Euro)").fill("0")
    applicant.get_by_role("button", name="Entwurf speichern").click()
    assert "Der Entwurf ist gespeichert." in applicant.content()
    csv_text = (
        "Datum;Empfänger;Zweck;Betrag\n"
        "15.05.2027;Kursleitung Müller;Honorar Kurs 1;3.750,00\n"
        "15.09.2027;Kursleitung Yılmaz;Honorar Kurs 2;3.750,00\n"
    )
    applicant.get_by_label("Belegliste als Datei (CSV oder XLSX)").set_input_files(
        files=[{"name": "belege.csv", "mimeType": "text/csv", "buffer": csv_text.encode()}]
    )
    applicant.get_by_role("button", name="Datei übernehmen").click()
    assert "2 Belege sind in die Belegliste übernommen." in applicant.content()
    check_page(applicant, failures, "proof draft with imported receipts")
    applicant.get_by_role("button", name="Speichern und einreichen").click()
    assert "Der Verwendungsnachweis ist eingereicht." in applicant.content()
    proof = ProofOfUse.objects.get(decision=grant)

    # --- 5. the case worker checks and settles it: 500.00 to repay (C2) --------------------------
    worker.goto(f"{base}/verwendungsnachweise/{proof.pk}/")
    check_page(worker, failures, "proof to check")
    # the Stichprobe of the Belegliste (both receipts: fewer than the minimum of five)
    worker.get_by_role("button", name="Stichprobe ziehen").click()
    assert "Die Stichprobe ist gezogen: 2 Belege." in worker.content()
    for receipt in proof.receipts.order_by("paid_on", "pk"):
        worker.locator(f"#receipt-{receipt.pk}").get_by_label("In Ordnung").check()
    worker.get_by_role("button", name="Ergebnisse der Stichprobe speichern").click()
    assert "Die Ergebnisse für 2 Belege sind gespeichert." in worker.content()
    check_page(worker, failures, "proof with the sample checked")
    worker.get_by_label("Ohne Beanstandung").check()
    worker.get_by_role("button", name="Prüfergebnis speichern").click()
    worker.get_by_role("button", name="Berechnung anzeigen").click()
    assert "zu erstatten 500,00 €" in worker.content()
    check_page(worker, failures, "settlement preview")
    worker.get_by_role("button", name="Schlussabrechnung speichern").click()
    assert "Die Schlussabrechnung ist gespeichert." in worker.content()
    assert ProofOfUse.objects.get(pk=proof.pk).status == ProofStatus.SETTLED

    # --- 6. partial revocation after a hearing (§ 28 HVwVfG) -------------------------------------
    worker.get_by_role("link", name="Rückforderung einleiten").click()
    assert worker.get_by_label("Zu erstattender Betrag (Euro)").input_value() == "500,00"
    worker.get_by_label("Begründung").fill(
        "Die zuwendungsfähigen Ausgaben waren um 500 € geringer."
    )
    worker.get_by_label("Unwirksam ab").fill("05.03.2027")
    worker.get_by_label("Tatsachen bekannt seit").fill("01.02.2028")
    worker.get_by_label("Anhörungsschreiben zur Post gegeben am").fill("01.02.2028")
    worker.get_by_role("button", name="Anhörung einleiten").click()
    assert "Stellungnahme bis" in worker.content()
    check_page(worker, failures, "recovery in hearing")
    recovery = Recovery.objects.get()
    clock.day = recovery.hearing_deadline + timedelta(days=1)
    worker.reload()
    worker.get_by_label("Stellungnahme des Trägers (Zusammenfassung)").fill("Keine Einwände.")
    worker.get_by_role("button", name="Widerruf erfassen").click()
    check_page(worker, failures, "recovery revoked")
    recovery = Recovery.objects.get(pk=recovery.pk)
    assert recovery.status == RecoveryStatus.REVOKED
    # the revocation releases nothing paid; the 500 is a receivable (D5)
    assert _ledger(LedgerKind.RECEIVABLE) == Decimal("500.00")

    # --- 7. the letter: the recipient downloads the Widerrufs- und Erstattungsbescheid -----------
    applicant.goto(f"{base}/rueckforderungen/{recovery.pk}/")
    check_page(applicant, failures, "recovery (recipient)")
    with applicant.expect_download() as letter:
        applicant.get_by_role("link", name="Bescheid herunterladen").click()
    with open(letter.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # --- 8. the repayment and the interest are booked -------------------------------------------
    interest = worker.locator("dt:has-text('Zinsen (§ 49a Abs. 3 HVwVfG)') + dd").inner_text()
    worker.get_by_label("Eingegangen am").fill(clock.day.strftime("%d.%m.%Y"))
    worker.get_by_label("Betrag (Euro)").fill("500,00")
    worker.get_by_label("Verwendungszweck").fill(f"{reference} Erstattung")
    worker.get_by_role("button", name="Rückzahlung buchen").click()
    check_page(worker, failures, "repayment booked")
    # 500.00 × (1.27 + 5) % × 351 days (05.03.2027 → 19.02.2028) / 365 = 30.147… (D1)
    assert (clock.day, interest) == (date(2028, 2, 19), "30,15 €")
    worker.get_by_label("Eingegangen am").fill(clock.day.strftime("%d.%m.%Y"))
    worker.get_by_label("Betrag (Euro)").fill(interest.replace(" €", ""))
    worker.get_by_label("Verwendungszweck").fill(f"{reference} Zinsen")
    worker.get_by_role("button", name="Rückzahlung buchen").click()
    recovery = Recovery.objects.get(pk=recovery.pk)
    assert recovery.status == RecoveryStatus.CLOSED, worker.content()

    # --- 9. the grant's file is closed: proof settled, all money settled ------------------------
    worker.goto(f"{base}/verwendungsnachweise/{proof.pk}/")
    worker.get_by_role("button", name="Förderakte abschließen").click()
    assert "Die Förderakte ist abgeschlossen." in worker.content()
    check_page(worker, failures, "grant file closed")
    assert GrantClosure.objects.filter(decision=grant).exists()
    assert not csp, csp
    assert not failures, "\n\n".join(failures)
