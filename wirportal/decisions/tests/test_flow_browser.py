"""In Chromium: apply → complete → review → score → propose → approve (second person) → PDF →
accept → revoke, with axe on every page visited. The draft is created and submitted through the
funding engineer's services; every review and decision step is clicked in the browser."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.applications.models import Application, ApplicationStatus
from wirportal.decisions.models import DecisionStatus, GrantDecision
from wirportal.programmes.models import LedgerEntry

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submitted(world):
    """A complete application of organisation A, submitted through the applications services."""
    from weasyprint import HTML

    from wirportal.applications import services
    from wirportal.documents.validation import validate_upload
    from wirportal.programmes.tests.factories import CallFactory, LineBudgetFactory
    from wirportal.reviews.tests.factories import ReviewCriterionFactory

    applicant = world.users["applicant_a"]
    call = CallFactory()
    LineBudgetFactory(line=call.line, year=2027, amount=Decimal("50000"))
    ReviewCriterionFactory(line=call.line, label="Wirkung", weight=2, max_points=5)
    ReviewCriterionFactory(line=call.line, label="Wirtschaftlichkeit", weight=1, max_points=5)
    application = services.application_create(call=call, organisation=world["org_a"], by=applicant)
    item = services.cost_item_add(application=application, by=applicant)
    source = services.funding_source_add(application=application, by=applicant)
    services.application_autosave(
        application=application,
        by=applicant,
        data={
            "title": "Sprachcafé Nordstadt",
            "summary": "Wöchentliches Sprachcafé mit Kinderbetreuung.",
            "target_groups": ["neuzugewanderte"],
            "period_start": "2027-03-01",
            "period_end": "2027-12-15",
            "participants_planned": "40",
            "not_started_declared": "on",
            "other_funding_declaration": "keine",
            f"cost-{item.pk}-category": "honorare",
            f"cost-{item.pk}-description": "Honorare Kursleitung",
            f"cost-{item.pk}-amount": "12.000,00",
            f"source-{source.pk}-kind": "eigenmittel",
            f"source-{source.pk}-name": "Eigenmittel",
            f"source-{source.pk}-amount": "2.000,00",
        },
        complete_form=True,
    )
    pdf = HTML(string="<p>Konzept</p>").write_pdf()
    for label in call.line.required_attachments:
        services.attachment_add(
            application=application,
            upload=validate_upload(
                SimpleUploadedFile(f"{label}.pdf", pdf, content_type="application/pdf")
            ),
            label=label,
            by=applicant,
        )
    return services.application_submit(application=application, by=applicant)


def test_review_propose_approve_letter_accept(world, submitted, live_server, browser, settings):
    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.documents.tests.pdf_text import normalised, pdf_text

    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by the accounts tests
    second = UserFactory(role=Role.CASE_WORKER, email="freigabe@example.org", first_name="Lea")
    base = live_server.url
    failures: list[str] = []
    pk = submitted.pk

    # --- case worker: inbox → review page → assign, three checks, reviewer ----------------
    worker = login_context(browser, live_server, world.users["case_worker"]).new_page()
    csp = watch_csp(worker)
    worker.goto(f"{base}/pruefung/")
    check_page(worker, failures, "inbox")
    worker.get_by_role("link", name=submitted.reference).click()
    worker.wait_for_url(f"**/pruefung/{pk}/")
    check_page(worker, failures, "review page")
    worker.get_by_label("Zuständige Sachbearbeitung").select_option(
        str(world.users["case_worker"].pk)
    )
    worker.get_by_role("button", name="Zuweisen").click()
    worker.get_by_role("button", name="Als vollständig festhalten").click()
    assert "Die Vollständigkeitsprüfung wurde festgehalten." in worker.content()
    worker.get_by_label("Förderfähig, ohne Beanstandung").check()
    worker.get_by_role("button", name="Sachliche Prüfung festhalten").click()
    worker.get_by_role("button", name="Rechnerische Prüfung festhalten").click()
    assert "ohne Abweichungen" in worker.content()
    worker.get_by_label(re.compile(world.users["reviewer"].last_name)).check()
    worker.get_by_role("button", name="Begutachtung vergeben").click()
    check_page(worker, failures, "review page after checks")
    assert Application.objects.get(pk=pk).status == ApplicationStatus.IN_REVIEW

    # --- reviewer scores ----------------------------------------------------------------------
    reviewer = login_context(browser, live_server, world.users["reviewer"]).new_page()
    reviewer.goto(f"{base}/pruefung/{pk}/bewertung/")
    check_page(reviewer, failures, "score form")
    for group in reviewer.locator("fieldset").all():
        group.get_by_label("4", exact=True).check()
    reviewer.get_by_role("button", name="Bewertung speichern").click()
    assert "Ihre Bewertung wurde gespeichert." in reviewer.content()

    # --- case worker proposes on the summary page -----------------------------------------------
    worker.get_by_role("link", name="Entscheidungsübersicht").click()
    check_page(worker, failures, "summary")
    assert "80,0 %" in worker.content()
    # eligible costs below those applied for, with the reason: the grant is recomputed from them
    # (Fehlbedarf: 11,000 − 2,000 own funds = 9,000 of 10,000 requested: a partial approval)
    worker.get_by_label("Teilbewilligung", exact=True).check()
    worker.get_by_label(re.compile("zuwendungsfähig in Euro")).fill("11.000,00")
    worker.get_by_label(re.compile("Begründung der Abweichung")).fill(
        "Honorarsätze über dem Üblichen."
    )
    worker.get_by_label("Betrag in Euro").fill("9.000,00")
    worker.locator("textarea[name=reasons]").fill(
        "Die Honorare sind nur bis 11.000,00 € zuwendungsfähig."
    )
    worker.get_by_role("button", name="Vorschlag speichern").click()
    assert "eine zweite Person muss ihn freigeben" in worker.content()
    check_page(worker, failures, "decision (proposed, own)")
    assert worker.get_by_role("button", name="Entscheidung freigeben").count() == 0
    decision = GrantDecision.objects.get(application_id=pk)

    # --- a second person approves and issues the letter -----------------------------------------
    approver = login_context(browser, live_server, second).new_page()
    approver.goto(f"{base}/entscheidungen/{decision.pk}/")
    check_page(approver, failures, "decision (to approve)")
    approver.get_by_role("button", name="Entscheidung freigeben").click()
    assert "Die Entscheidung ist freigegeben." in approver.content()
    check_page(approver, failures, "decision (approved, issue form)")
    # offered for download in the portal: bekanntgegeben the day after the first download
    approver.get_by_label("Zum Abruf im Portal (§ 41 Abs. 2a HVwVfG)").check()
    approver.get_by_role("button", name="Zuwendungsbescheid erstellen und versenden").click()
    assert "Der Zuwendungsbescheid wurde erstellt" in approver.content()
    check_page(approver, failures, "decision (issued)")
    assert LedgerEntry.objects.filter(source_key=f"application:{pk}").count() == 1

    # --- the applicant downloads the PDF and accepts ---------------------------------------------
    applicant = login_context(browser, live_server, world.users["applicant_a"]).new_page()
    applicant.goto(f"{base}/entscheidungen/")
    check_page(applicant, failures, "my decisions")
    applicant.get_by_role("link", name=submitted.reference).click()
    check_page(applicant, failures, "decision (recipient)")
    with applicant.expect_download() as download_info:
        applicant.get_by_role("link", name="Zuwendungsbescheid (PDF)").click()
    with open(download_info.value.path(), "rb") as handle:
        letter = handle.read()
    assert letter[:5] == b"%PDF-"
    text = normalised(pdf_text(letter))
    assert "bis zu 9.000,00 €" in text  # the grant recomputed from the eligible costs
    assert "11.000,00 €" in text and "Honorarsätze über dem Üblichen." in text
    assert "Im Übrigen wird der Antrag abgelehnt." in text  # § 39 HVwVfG: reasons given
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert decision.delivery == "portal"
    assert decision.first_downloaded_by == world.users["applicant_a"]
    assert decision.bekanntgabe_on is not None and decision.acceptance_deadline is not None
    applicant.reload()
    assert "Annahme bis" in applicant.content()
    assert f"{decision.acceptance_deadline:%d.%m.%Y}" in applicant.content()
    approver.reload()
    check_page(approver, failures, "decision (downloaded, staff)")
    assert "Erster Abruf durch den Träger" in approver.content()
    assert f"{decision.bekanntgabe_on:%d.%m.%Y}" in approver.content()
    applicant.get_by_role("link", name="Annahme erklären").click()
    check_page(applicant, failures, "acceptance form")
    applicant.get_by_label(re.compile("Ich bestätige die oben genannte Bankverbindung")).check()
    applicant.get_by_label(re.compile("Ich nehme den Zuwendungsbescheid")).check()
    applicant.get_by_role("button", name="Annahme verbindlich erklären").click()
    assert "Ihre Annahmeerklärung ist eingegangen" in applicant.content()
    check_page(applicant, failures, "decision (accepted)")

    decision = GrantDecision.objects.get(pk=decision.pk)
    assert decision.status == DecisionStatus.ACCEPTED
    assert decision.approved_by == second and decision.proposed_by == world.users["case_worker"]

    # --- the case worker revokes it: reason, confirmation, done -----------------------------------
    worker.goto(f"{base}/entscheidungen/{decision.pk}/")
    worker.get_by_role("link", name="Bescheid widerrufen").click()
    check_page(worker, failures, "revoke form")
    worker.get_by_role("button", name="Weiter zur Bestätigung").click()
    assert "Bitte begründen Sie den Widerruf." in worker.content()
    check_page(worker, failures, "revoke form with error")
    worker.get_by_label("Begründung des Widerrufs").fill("Das Vorhaben findet nicht statt.")
    worker.get_by_role("button", name="Weiter zur Bestätigung").click()
    check_page(worker, failures, "revoke confirmation")
    worker.get_by_role("button", name="Bescheid verbindlich widerrufen").click()
    assert "Der Bescheid wurde widerrufen" in worker.content()
    assert GrantDecision.objects.get(pk=decision.pk).status == DecisionStatus.REVOKED
    assert not csp, csp
    assert not failures, "\n\n".join(failures)
