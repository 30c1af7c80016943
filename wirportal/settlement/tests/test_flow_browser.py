"""In Chromium at 390 px: the recipient starts, fills (with an error shown next to its field),
adds a receipt and submits the proof of use; the case worker records the quick check and
settles it (brief C7: repay 300.00). axe on every page; no horizontal scrolling; keyboard use."""

from pathlib import Path

import pytest

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.settlement.models import ProofOfUse, ProofStatus

from .factories import accepted_decision

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_proof_of_use_flow_on_a_phone(world, live_server, browser, settings):
    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by the accounts tests
    decision = accepted_decision(organisation=world["org_a"], applicant=world.users["applicant_a"])
    reference = decision.application.reference
    base = live_server.url
    failures: list[str] = []

    applicant = login_context(browser, live_server, world.users["applicant_a"]).new_page()
    applicant.set_viewport_size(PHONE)
    csp = watch_csp(applicant)
    applicant.goto(f"{base}/verwendungsnachweise/")
    check_page(applicant, failures, "list (recipient)")
    applicant.get_by_role("button", name=f"Verwendungsnachweis für {reference} anlegen").click()
    applicant.wait_for_url("**/bearbeiten/")
    check_page(applicant, failures, "draft (empty)")

    # keyboard: type into the Sachbericht, tab on to the line's first indicator; the draft is
    # saved as the recipient types (autosave, as the application draft)
    applicant.get_by_label("Sachbericht").focus()
    applicant.keyboard.type("Zwei Kurse mit 24 Teilnehmenden.")
    applicant.keyboard.press("Tab")
    applicant.keyboard.type("24")
    applicant.locator("#save-status", has_text="Entwurf gespeichert um").wait_for()
    assert ProofOfUse.objects.get(decision=decision).report == "Zwei Kurse mit 24 Teilnehmenden."
    applicant.get_by_label("Durchgeführte Veranstaltungen").fill("-2")
    applicant.locator("#save-status", has_text="noch ungültig").wait_for()
    check_page(applicant, failures, "draft autosaved with an invalid indicator")
    applicant.get_by_label("Durchgeführte Veranstaltungen").fill("2")
    fees, material = applicant.get_by_label("Tatsächliche Ausgaben (Euro)").all()
    fees.fill("7.500,00")
    material.fill("fünfhundert")
    applicant.get_by_label("Eigenmittel (tatsächlich eingesetzt, Euro)").fill("1.500,00")
    applicant.get_by_label("Drittmittel und Spenden (tatsächlich erhalten, Euro)").fill("0")
    applicant.get_by_role("button", name="Entwurf speichern").click()
    check_page(applicant, failures, "draft with error")
    assert applicant.get_by_label("Sachbericht").input_value() == "Zwei Kurse mit 24 Teilnehmenden."
    invalid = applicant.locator("[aria-invalid=true]")
    assert invalid.count() == 1 and invalid.input_value() == "fünfhundert"
    invalid.fill("500,00")
    applicant.get_by_role("button", name="Entwurf speichern").click()
    assert "Der Entwurf ist gespeichert." in applicant.content()

    applicant.get_by_label("Datum der Zahlung").fill("01.03.2027")
    applicant.get_by_label("Empfänger").fill("Kursleitung Müller")
    applicant.get_by_label("Zweck").fill("Honorar Kurs 1")
    applicant.get_by_label("Betrag (Euro)").fill("3.750,00")
    applicant.get_by_role("button", name="Beleg hinzufügen").click()
    assert "Kursleitung Müller" in applicant.content()
    check_page(applicant, failures, "draft with receipt")
    # CSV import: a wrong row names itself and nothing is taken; the corrected file is taken
    csv_text = "Datum;Empfänger;Zweck;Betrag\n02.03.2027;Druckerei;Flyer;120,00\n"
    applicant.get_by_label("Belegliste als Datei (CSV oder XLSX)").set_input_files(
        files=[
            {
                "name": "belege.csv",
                "mimeType": "text/csv",
                "buffer": (csv_text + "31.02.2027;Bürgerhaus;Miete;80,00\n").encode(),
            }
        ]
    )
    applicant.get_by_role("button", name="Datei übernehmen").click()
    assert "es wurde nichts übernommen" in applicant.content()
    check_page(applicant, failures, "receipt import with row errors")
    applicant.get_by_label("Belegliste als Datei (CSV oder XLSX)").set_input_files(
        files=[{"name": "belege.csv", "mimeType": "text/csv", "buffer": csv_text.encode()}]
    )
    applicant.get_by_role("button", name="Datei übernehmen").click()
    assert "1 Beleg ist in die Belegliste übernommen." in applicant.content()
    applicant.get_by_role("button", name="Speichern und einreichen").click()
    assert "Der Verwendungsnachweis ist eingereicht." in applicant.content()
    check_page(applicant, failures, "detail (recipient, submitted)")
    proof = ProofOfUse.objects.get(decision=decision)
    assert proof.status == ProofStatus.SUBMITTED

    worker = login_context(browser, live_server, world.users["case_worker"]).new_page()
    worker.set_viewport_size(PHONE)
    worker.goto(f"{base}/verwendungsnachweise/")
    check_page(worker, failures, "list (case worker)")
    worker.get_by_role("link", name=reference).click()
    check_page(worker, failures, "detail (to check)")
    worker.get_by_label("Mit Beanstandungen").check()
    worker.get_by_role("button", name="Prüfergebnis speichern").click()
    assert "Bitte beschreiben Sie die Beanstandungen." in worker.content()
    check_page(worker, failures, "check with error")
    assert "Teilnehmende insgesamt" in worker.content()  # the indicators of the line
    # "Ohne Beanstandung" only after the Stichprobe of the Belegliste is checked
    worker.get_by_label("Ohne Beanstandung").check()
    worker.get_by_role("button", name="Prüfergebnis speichern").click()
    assert "Bitte ziehen Sie zuerst die Stichprobe" in worker.content()
    worker.get_by_role("button", name="Stichprobe ziehen").click()
    assert "Die Stichprobe ist gezogen: 2 Belege." in worker.content()
    check_page(worker, failures, "detail with the sample")
    receipts = list(proof.receipts.order_by("paid_on", "pk"))
    first = worker.locator(f"#receipt-{receipts[0].pk}")
    second = worker.locator(f"#receipt-{receipts[1].pk}")
    first.get_by_label("Beanstandet").check()
    second.get_by_label("In Ordnung").check()
    worker.get_by_role("button", name="Ergebnisse der Stichprobe speichern").click()
    assert "Bitte beschreiben Sie, was am Beleg zu beanstanden ist." in worker.content()
    # nothing entered is lost: both choices are still made
    assert first.get_by_label("Beanstandet").is_checked()
    assert second.get_by_label("In Ordnung").is_checked()
    check_page(worker, failures, "sample verdict with error")
    shots = Path(__file__).resolve().parents[3] / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    worker.locator("#sample-heading").scroll_into_view_if_needed()
    worker.screenshot(path=str(shots / "proof-sample-error-390.png"))
    # by keyboard: the first receipt in order after all, saved with Enter
    first.get_by_label("In Ordnung").focus()
    worker.keyboard.press("Space")
    worker.get_by_role("button", name="Ergebnisse der Stichprobe speichern").focus()
    with worker.expect_navigation():
        worker.keyboard.press("Enter")
    assert "Die Ergebnisse für 2 Belege sind gespeichert." in worker.content()
    worker.get_by_label("Ohne Beanstandung").check()
    worker.get_by_role("button", name="Prüfergebnis speichern").click()
    check_page(worker, failures, "detail (to settle)")
    # paid comes from the executed payment run, shown and not typed
    assert "Ausgezahlt laut den ausgeführten Zahlläufen: 6.500,00" in worker.content()
    worker.get_by_role("button", name="Berechnung anzeigen").click()
    assert "zu erstatten 300,00 €" in worker.content()
    check_page(worker, failures, "settlement preview")
    worker.get_by_role("button", name="Schlussabrechnung speichern").click()
    assert "Die Schlussabrechnung ist gespeichert." in worker.content()
    check_page(worker, failures, "detail (settled)")
    proof = ProofOfUse.objects.get(pk=proof.pk)
    assert (proof.status, str(proof.repayment)) == (ProofStatus.SETTLED, "300.00")

    # Rückforderung: hearing first (§ 28 HVwVfG), the amount comes from the settlement
    worker.get_by_role("link", name="Rückforderung einleiten").click()
    check_page(worker, failures, "recovery form")
    assert worker.get_by_label("Zu erstattender Betrag (Euro)").input_value() == "300,00"
    worker.get_by_role("button", name="Anhörung einleiten").click()
    assert "Bitte begründen Sie die Rückforderung." in worker.content()
    check_page(worker, failures, "recovery form with errors")
    worker.get_by_label("Begründung").fill("Einzelansatz Honorare um mehr als 20 % überschritten.")
    worker.get_by_label("Unwirksam ab").fill("03.03.2025")
    worker.get_by_label("Tatsachen bekannt seit").fill("02.11.2026")
    worker.get_by_label("Anhörungsschreiben zur Post gegeben am").fill("02.11.2026")
    worker.get_by_role("button", name="Anhörung einleiten").click()
    assert "Stellungnahme bis 19.11.2026" in worker.content()
    check_page(worker, failures, "recovery (hearing)")
    applicant.goto(worker.url)
    check_page(applicant, failures, "recovery (recipient)")
    assert not csp, csp
    assert not failures, "\n\n".join(failures)


def test_check_page_with_a_long_belegliste_pages_by_keyboard(world, live_server, browser, settings):
    """60 receipts: 25 a page, the sample listed on every page, page links reached and followed
    with the keyboard; axe and 390 px on both pages."""
    from datetime import date
    from decimal import Decimal

    from wirportal.settlement import services
    from wirportal.settlement.models import ProofReceipt

    from .test_services import fill

    settings.WIR_REQUIRE_STAFF_MFA = False
    applicant, worker_user = world.users["applicant_a"], world.users["case_worker"]
    decision = accepted_decision(organisation=world["org_a"], applicant=applicant)
    proof = services.proof_start(decision=decision, by=applicant)
    fill(proof, applicant)
    ProofReceipt.objects.bulk_create(
        ProofReceipt(
            proof=proof,
            paid_on=date(2027, 3, 1),
            payee=f"Empfänger {n:02d}",
            purpose="Honorar",
            amount=Decimal("10"),
        )
        for n in range(60)
    )
    services.proof_submit(proof=proof, by=applicant)
    chosen = services.receipt_sample_draw(proof=proof, by=worker_user)
    failures: list[str] = []
    worker = login_context(browser, live_server, worker_user).new_page()
    worker.set_viewport_size(PHONE)
    csp = watch_csp(worker)
    worker.goto(f"{live_server.url}/verwendungsnachweise/{proof.pk}/")
    assert "Seite 1 von 3" in worker.content()
    check_page(worker, failures, "check page, Belegliste page 1")
    next_link = worker.get_by_role("link", name="Nächste Seite")
    next_link.focus()
    worker.keyboard.press("Enter")
    worker.wait_for_url("**belege=2**")
    assert "Seite 2 von 3" in worker.content()
    assert all(worker.locator(f"#receipt-{pk}").count() == 1 for pk in chosen)
    check_page(worker, failures, "check page, Belegliste page 2")
    assert not csp, csp
    assert not failures, "\n\n".join(failures)
