"""In Chromium at 390 px: the case worker extends the acceptance deadline (§ 31 Abs. 7 HVwVfG,
submitted by keyboard) and records a signed paper declaration with its scan; axe on every page,
the messages next to the fields, no horizontal scrolling; the recipient sees channel and scan."""

from datetime import timedelta

import pytest

from tests.browser import check_page, login_context, requires_chromium, watch_csp
from wirportal.decisions.models import AcceptanceChannel, DecisionStatus, GrantDecision, Outcome

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def issued(world):
    from django.utils import timezone

    from wirportal.accounts.roles import Role
    from wirportal.accounts.tests.factories import UserFactory
    from wirportal.decisions import services
    from wirportal.reviews.tests.factories import application_in_review, record_all_steps

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    record_all_steps(application, by=world.users["case_worker"])
    second = UserFactory(role=Role.CASE_WORKER, email="freigabe@example.org")
    decision = services.decision_propose(
        application=application, by=world.users["case_worker"], outcome=Outcome.APPROVE
    )
    decision = services.decision_approve(decision=decision, by=second)
    return services.decision_issue(
        decision=decision, by=second, today=timezone.localdate() - timedelta(days=3)
    )


def _phone(browser, live_server, user):
    page = login_context(browser, live_server, user).new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_case_worker_extends_the_deadline_and_records_a_paper_acceptance(
    world, issued, live_server, browser, settings
):
    from django.utils import timezone

    from wirportal.core.dates import next_working_day
    from wirportal.documents.tests.corpus import pdf_bytes

    settings.WIR_REQUIRE_STAFF_MFA = False  # TOTP is covered by the accounts tests
    failures: list[str] = []
    base = live_server.url
    old = issued.acceptance_deadline
    new = next_working_day(old + timedelta(days=7))

    worker = _phone(browser, live_server, world.users["case_worker"])
    csp = watch_csp(worker)
    worker.goto(f"{base}/entscheidungen/{issued.pk}/")
    check_page(worker, failures, "decision (issued)")

    # --- extension: empty reason refused next to the field, then sent by keyboard -------------
    worker.get_by_role("link", name="Frist zur Annahme verlängern").click()
    check_page(worker, failures, "extension form")
    worker.get_by_label("Neue Frist zur Annahme").fill(new.isoformat())
    worker.get_by_role("button", name="Frist verlängern").click()
    error = worker.locator("#id_reason_error")
    assert "Bitte begründen Sie die Verlängerung." in error.inner_text()
    assert worker.get_by_label("Neue Frist zur Annahme").input_value() == new.isoformat()
    check_page(worker, failures, "extension form with error")
    worker.get_by_label("Begründung").fill("Vorstand im Urlaub, Unterschrift folgt")
    worker.keyboard.press("Tab")  # from the reason to the submit button
    worker.keyboard.press("Enter")
    worker.wait_for_url(f"**/entscheidungen/{issued.pk}/")
    assert "Die Frist zur Annahme ist verlängert" in worker.content()
    history = worker.get_by_role("region", name="Änderungen der Annahmefrist")
    assert f"{old:%d.%m.%Y}" in history.inner_text()
    assert f"{new:%d.%m.%Y}" in history.inner_text()
    assert "Vorstand im Urlaub" in history.inner_text()
    check_page(worker, failures, "decision (extended)")
    assert GrantDecision.objects.get(pk=issued.pk).acceptance_deadline == new

    # --- paper acceptance with the scan -------------------------------------------------------
    worker.get_by_role("link", name="Schriftliche Annahme erfassen").click()
    check_page(worker, failures, "paper acceptance form")
    future = timezone.localdate() + timedelta(days=1)
    worker.get_by_label("Eingang der Annahmeerklärung").fill(future.isoformat())
    worker.get_by_label("Scan der unterschriebenen Erklärung").set_input_files(
        {"name": "Annahmeerklaerung.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    worker.get_by_label("Die Erklärung bestätigt die oben genannte Bankverbindung").check()
    worker.get_by_role("button", name="Annahme erfassen").click()
    assert (
        "Das Eingangsdatum darf nicht in der Zukunft liegen."
        in worker.locator("#id_received_on_error").inner_text()
    )
    assert worker.get_by_label("Eingang der Annahmeerklärung").input_value() == future.isoformat()
    check_page(worker, failures, "paper acceptance form with error")
    today = timezone.localdate()
    worker.get_by_label("Eingang der Annahmeerklärung").fill(today.isoformat())
    worker.get_by_label("Scan der unterschriebenen Erklärung").set_input_files(
        {"name": "Annahmeerklaerung.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    worker.get_by_role("button", name="Annahme erfassen").click()
    worker.wait_for_url(f"**/entscheidungen/{issued.pk}/")
    assert "Die schriftliche Annahme ist erfasst" in worker.content()
    assert "Schriftlich (unterschriebene Erklärung)" in worker.content()
    check_page(worker, failures, "decision (accepted on paper)")
    decision = GrantDecision.objects.get(pk=issued.pk)
    assert decision.status == DecisionStatus.ACCEPTED
    assert decision.acceptance_channel == AcceptanceChannel.PAPER
    assert decision.acceptance_received_on == today
    assert decision.acceptance_recorded_by == world.users["case_worker"]

    # --- the recipient sees it and can open the scan ------------------------------------------
    recipient = _phone(browser, live_server, world.users["applicant_a"])
    recipient.goto(f"{base}/entscheidungen/{issued.pk}/")
    check_page(recipient, failures, "decision (recipient)")
    assert f"{today:%d.%m.%Y}" in recipient.content()
    link = recipient.get_by_role("link", name="Scan Annahmeerklaerung.pdf", exact=False)
    assert link.count() == 1
    assert recipient.get_by_role("link", name="Frist zur Annahme verlängern").count() == 0
    assert not csp, csp
    assert not failures, "\n\n".join(failures)


def test_reinstatement_form_refuses_a_late_request_next_to_the_field(
    world, issued, live_server, browser, settings
):
    from django.utils import timezone

    from wirportal.decisions import services

    settings.WIR_REQUIRE_STAFF_MFA = False
    today = timezone.localdate()
    services.decision_lapse(decision=issued, today=issued.acceptance_deadline + timedelta(days=1))
    failures: list[str] = []
    worker = _phone(browser, live_server, world.users["programme_staff"])
    worker.goto(f"{live_server.url}/entscheidungen/{issued.pk}/")
    check_page(worker, failures, "decision (lapsed)")
    worker.get_by_role("link", name="Wiedereinsetzung erfassen").click()
    check_page(worker, failures, "reinstatement form")
    ended = today - timedelta(days=20)
    worker.get_by_label("Antrag auf Wiedereinsetzung gestellt am").fill(today.isoformat())
    worker.get_by_label("Hindernis weggefallen am").fill(ended.isoformat())
    worker.get_by_label("Grund der Verhinderung ohne Verschulden").fill("Krankenhausaufenthalt")
    worker.get_by_label("Neue Frist zur Annahme").fill((today + timedelta(days=30)).isoformat())
    worker.get_by_role("button", name="Wiedereinsetzung gewähren").click()
    message = worker.locator("#id_requested_on_error").inner_text()
    assert "mehr als zwei Wochen nach dem Wegfall des Hindernisses" in message
    assert worker.get_by_label("Hindernis weggefallen am").input_value() == ended.isoformat()
    assert (
        "Krankenhausaufenthalt"
        in worker.get_by_label("Grund der Verhinderung ohne Verschulden").input_value()
    )
    check_page(worker, failures, "reinstatement form with error")
    assert GrantDecision.objects.get(pk=issued.pk).status == DecisionStatus.LAPSED
    assert not failures, "\n\n".join(failures)
