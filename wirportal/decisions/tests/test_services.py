from datetime import date
from decimal import Decimal

import pytest

from wirportal.applications.models import Application, ApplicationStatus
from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import BudgetExceeded, DeadlineMissed, DomainError, NotAllowed
from wirportal.decisions import services
from wirportal.decisions.models import DecisionStatus, GrantDecision, Outcome
from wirportal.programmes.models import LedgerEntry, LedgerKind, LineBudget

pytestmark = pytest.mark.django_db


def _propose(application, by, **kwargs):
    kwargs.setdefault("outcome", Outcome.APPROVE)
    return services.decision_propose(application=application, by=by, **kwargs)


def test_acceptance_deadline_is_one_month_moved_off_holidays():
    # 25.11.2026 + 1 month = 25.12.2026 (1st Christmas Day) -> 28.12.2026 (Monday)
    assert services.acceptance_deadline_for(date(2026, 11, 25)) == date(2026, 12, 28)
    from wirportal.core.dates import add_months

    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)


def test_propose_and_approve_by_another_person_commits_budget(
    world, reviewed, second_case_worker, mailoutbox
):
    decision = _propose(reviewed, world.users["case_worker"], amount=Decimal("12000"))
    assert decision.status == DecisionStatus.PROPOSED
    assert decision.year_amounts == {"2027": "12000.00"}
    services.decision_approve(decision=decision, by=second_case_worker)
    decision = GrantDecision.objects.get(pk=decision.pk)
    reviewed = Application.objects.get(pk=reviewed.pk)
    assert decision.status == DecisionStatus.APPROVED
    assert decision.approved_by == second_case_worker
    assert reviewed.status == ApplicationStatus.APPROVED
    entry = LedgerEntry.objects.get(source_key=f"application:{reviewed.pk}")
    assert (entry.kind, entry.amount) == (LedgerKind.COMMITMENT, Decimal("12000.00"))
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"decision.proposed", "decision.approved", "budget.committed"} <= actions


def test_four_eyes_proposer_can_never_approve(world, reviewed):
    case_worker = world.users["case_worker"]
    decision = _propose(reviewed, case_worker)
    with pytest.raises(NotAllowed, match="Vier-Augen"):
        services.decision_approve(decision=decision, by=case_worker)
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert decision.status == DecisionStatus.PROPOSED
    assert not LedgerEntry.objects.exists()


def test_four_eyes_also_in_the_database(world, reviewed):
    from django.db import IntegrityError, transaction

    decision = _propose(reviewed, world.users["case_worker"])
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantDecision.objects.filter(pk=decision.pk).update(approved_by=world.users["case_worker"])


def test_four_eyes_view_refuses_proposer_with_403(world, reviewed, client):
    decision = _propose(reviewed, world.users["case_worker"])
    client.force_login(world.users["case_worker"])
    response = client.post(f"/entscheidungen/{decision.pk}/freigeben/")
    assert response.status_code == 403
    admin = world.users["admin"]
    decision2 = decision
    GrantDecision.objects.filter(pk=decision2.pk).update(proposed_by=admin)
    client.force_login(admin)
    assert client.post(f"/entscheidungen/{decision.pk}/freigeben/").status_code == 403


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount": Decimal("15000.01")}, "nicht übersteigen"),
        ({"amount": Decimal("0")}, "größer als 0"),
        ({"outcome": Outcome.PARTIAL, "amount": Decimal("9000")}, "begründen"),
        ({"outcome": Outcome.PARTIAL, "amount": Decimal("15000"), "reasons": "x"}, "unter"),
        ({"outcome": Outcome.REJECT}, "begründen"),
    ],
)
def test_propose_refusals(world, reviewed, kwargs, message):
    with pytest.raises(DomainError, match=message):
        _propose(reviewed, world.users["case_worker"], **kwargs)
    assert not GrantDecision.objects.exists()


def test_propose_requires_recorded_checks_and_review_state(world, today):
    from wirportal.reviews.tests.factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    with pytest.raises(NotAllowed, match="Prüfschritte"):
        _propose(application, world.users["case_worker"])
    application.request_changes()
    application.save()
    with pytest.raises(NotAllowed, match="Status"):
        _propose(application, world.users["case_worker"], outcome=Outcome.REJECT, reasons="x")


def test_only_one_active_decision(world, reviewed):
    _propose(reviewed, world.users["case_worker"])
    with pytest.raises(NotAllowed, match="bereits"):
        _propose(reviewed, world.users["case_worker"])


def test_approve_twice_is_refused(world, reviewed, second_case_worker):
    decision = _propose(reviewed, world.users["case_worker"])
    services.decision_approve(decision=decision, by=second_case_worker)
    with pytest.raises(NotAllowed, match="Status"):
        services.decision_approve(decision=decision, by=world.users["programme_staff"])
    assert LedgerEntry.objects.count() == 1


def test_budget_exceeded_changes_nothing_and_reads_german(world, reviewed, second_case_worker):
    LineBudget.objects.filter(line=reviewed.line).update(amount=Decimal("1000"))
    decision = _propose(reviewed, world.users["case_worker"])
    with pytest.raises(BudgetExceeded, match=r"nur noch 1\.000,00"):
        services.decision_approve(decision=decision, by=second_case_worker)
    decision = GrantDecision.objects.get(pk=decision.pk)
    reviewed = Application.objects.get(pk=reviewed.pk)
    assert decision.status == DecisionStatus.PROPOSED
    assert reviewed.status == ApplicationStatus.IN_REVIEW
    assert not LedgerEntry.objects.exists()


def test_budget_exceeded_in_the_view_is_a_message_not_500(
    world, reviewed, second_case_worker, client
):
    LineBudget.objects.filter(line=reviewed.line).update(amount=Decimal("1000"))
    decision = _propose(reviewed, world.users["case_worker"])
    client.force_login(second_case_worker)
    response = client.post(f"/entscheidungen/{decision.pk}/freigeben/", follow=True)
    assert response.status_code == 200
    assert "nur noch 1.000,00" in response.content.decode()


def test_multi_year_approval_books_each_year(world, today, second_case_worker):
    from wirportal.programmes.tests.factories import LineBudgetFactory
    from wirportal.reviews.tests.factories import application_in_review, record_all_steps

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    application.period_start, application.period_end = date(2027, 7, 1), date(2028, 6, 30)
    application.save()
    LineBudgetFactory(line=application.line, year=2028, amount=Decimal("100000"))
    record_all_steps(application, by=world.users["case_worker"])
    decision = _propose(application, world.users["case_worker"])
    services.decision_approve(decision=decision, by=second_case_worker)
    booked = {
        e.line_budget.year: e.amount
        for e in LedgerEntry.objects.select_related("line_budget").filter(
            source_key=f"application:{application.pk}"
        )
    }
    assert set(booked) == {2027, 2028}
    assert sum(booked.values()) == Decimal("15000.00")


def test_reject_needs_no_checks_and_mails_reasons(world, today, second_case_worker, mailoutbox):
    from wirportal.reviews.tests.factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    decision = _propose(
        application, world.users["case_worker"], outcome=Outcome.REJECT, reasons="Kein Bezug"
    )
    services.decision_approve(decision=decision, by=second_case_worker)
    application = Application.objects.get(pk=application.pk)
    assert application.status == ApplicationStatus.REJECTED
    assert not LedgerEntry.objects.exists()
    with pytest.raises(NotAllowed):
        services.decision_issue(decision=decision, by=second_case_worker)


@pytest.fixture
def rejected(world, today, second_case_worker):
    """A rejection approved by a second person (the Ablehnungsbescheid is written then)."""
    from wirportal.reviews.tests.factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    decision = _propose(
        application,
        world.users["case_worker"],
        outcome=Outcome.REJECT,
        reasons="Das Vorhaben dient nicht der Teilhabe Zugewanderter.\n\n"
        "Die Ziele sind nicht überprüfbar beschrieben.",
    )
    return services.decision_approve(decision=decision, by=second_case_worker)


def test_rejection_letter_is_a_pdf_a_with_the_reasons_and_legal_remedy(rejected):
    import io

    import pikepdf
    from django.core.files.storage import default_storage

    from wirportal.documents.tests.pdf_text import normalised, pdf_text

    decision = GrantDecision.objects.select_related("letter").get(pk=rejected.pk)
    assert decision.letter is not None
    assert decision.letter.kind == "ablehnungsbescheid"
    assert decision.issued_at is not None
    with default_storage.open(decision.letter.storage_name) as handle:
        pdf = handle.read()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.open_metadata().get("pdfaid:part") == "3"
        assert str(document.docinfo["/Title"]).startswith("Ablehnungsbescheid Az.")
    text = normalised(pdf_text(pdf))
    assert "Das Vorhaben dient nicht der Teilhabe Zugewanderter." in text
    assert "Die Ziele sind nicht überprüfbar beschrieben." in text
    assert "wird abgelehnt" in text and "15.000,00 €" in text
    # the recipient (Verein A) is seated in Kassel: § 52 Nr. 3 VwGO, § 1 Abs. 2 Nr. 4 HessAGVwGO
    assert "Rechtsbehelfsbelehrung" in text and "Klage beim Verwaltungsgericht Kassel" in text
    assert "Verwaltungsgericht Darmstadt" not in text


def test_rejection_mail_carries_the_letter(
    world, today, second_case_worker, mailoutbox, django_capture_on_commit_callbacks
):
    from wirportal.reviews.tests.factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"]
    )
    decision = _propose(
        application, world.users["case_worker"], outcome=Outcome.REJECT, reasons="Kein Bezug"
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_approve(decision=decision, by=second_case_worker)
    mail = next(m for m in mailoutbox if "a@example.org" in m.to)
    assert "Kein Bezug" in mail.body
    ((filename, content, mimetype),) = mail.attachments
    assert filename == f"Ablehnungsbescheid-{application.reference}.pdf"
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    entry = AuditEntry.objects.get(action="decision.approved")
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert entry.data["letter"] == str(decision.letter.public_id)


def test_return_sends_back_to_proposer_and_allows_a_new_proposal(
    world, reviewed, second_case_worker
):
    decision = _propose(reviewed, world.users["case_worker"])
    with pytest.raises(DomainError):
        services.decision_return(decision=decision, by=second_case_worker, reason=" ")
    services.decision_return(decision=decision, by=second_case_worker, reason="Betrag prüfen")
    decision = GrantDecision.objects.get(pk=decision.pk)
    assert decision.status == DecisionStatus.RETURNED
    again = _propose(reviewed, world.users["case_worker"], amount=Decimal("14000"))
    assert again.status == DecisionStatus.PROPOSED


@pytest.fixture
def approved(world, reviewed, second_case_worker):
    decision = _propose(reviewed, world.users["case_worker"], conditions="Bericht halbjährlich")
    return services.decision_approve(decision=decision, by=second_case_worker)


def test_issue_stores_pdf_a_letter_and_sets_deadline(world, approved, second_case_worker, today):
    from django.core.files.storage import default_storage

    decision = services.decision_issue(decision=approved, by=second_case_worker)
    assert decision.status == DecisionStatus.ISSUED
    assert decision.acceptance_deadline == date(2026, 12, 28)
    with default_storage.open(decision.letter.storage_name) as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF")
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.open_metadata().get("pdfaid:part") == "3"
        assert len(document.pages) >= 1
    assert decision.letter.kind == "zuwendungsbescheid"


def test_letter_context_chooses_anbest_gk_for_municipalities(world, approved):
    from wirportal.offices.models import OrganisationKind

    context = services.letter_context(
        approved, issued=date(2026, 11, 25), deadline=date(2026, 12, 28)
    )
    assert context["nebenbestimmungen"] == "anbest_p"
    assert context["amount"] == Decimal("15000.00")
    assert context["conditions"] == ["Bericht halbjährlich"]
    approved.application.organisation.kind = OrganisationKind.MUNICIPALITY
    context = services.letter_context(
        approved, issued=date(2026, 11, 25), deadline=date(2026, 12, 28)
    )
    assert context["nebenbestimmungen"] == "anbest_gk"


@pytest.fixture
def issued(approved, second_case_worker):
    return services.decision_issue(decision=approved, by=second_case_worker)


def test_accept_within_deadline(world, issued):
    with pytest.raises(DomainError, match="Bankverbindung"):
        services.decision_accept(
            decision=issued, by=world.users["applicant_a"], bank_details_confirmed=False
        )
    with pytest.raises(NotAllowed):
        services.decision_accept(
            decision=issued, by=world.users["applicant_b"], bank_details_confirmed=True
        )
    decision = services.decision_accept(
        decision=issued, by=world.users["applicant_a"], bank_details_confirmed=True
    )
    assert decision.status == DecisionStatus.ACCEPTED
    assert decision.bank_details_confirmed


def test_accept_after_deadline_refused_and_lapse_releases_budget(world, issued):
    late = date(2026, 12, 29)
    with pytest.raises(DeadlineMissed):
        services.decision_accept(
            decision=issued,
            by=world.users["applicant_a"],
            bank_details_confirmed=True,
            today=late,
        )
    with pytest.raises(NotAllowed, match="läuft noch"):
        services.decision_lapse(decision=issued, today=date(2026, 12, 28))
    assert services.decisions_lapse_overdue(today=late) == 1
    assert services.decisions_lapse_overdue(today=late) == 0  # idempotent
    issued = GrantDecision.objects.get(pk=issued.pk)
    assert issued.status == DecisionStatus.LAPSED
    release = LedgerEntry.objects.get(kind=LedgerKind.RELEASE)
    assert release.amount == Decimal("15000.00")


def test_revoke_accepted_decision_releases_budget(world, issued):
    services.decision_accept(
        decision=issued, by=world.users["applicant_a"], bank_details_confirmed=True
    )
    with pytest.raises(DomainError):
        services.decision_revoke(decision=issued, by=world.users["case_worker"], reason="")
    services.decision_revoke(
        decision=issued, by=world.users["case_worker"], reason="Zweck entfallen"
    )
    issued = GrantDecision.objects.get(pk=issued.pk)
    assert issued.status == DecisionStatus.REVOKED
    assert LedgerEntry.objects.filter(kind=LedgerKind.RELEASE).count() == 1


def test_summary_page_shows_budget_after_decision(world, reviewed, client):
    decision = _propose(reviewed, world.users["case_worker"], amount=Decimal("12000"))
    client.force_login(world.users["programme_staff"])
    response = client.get(f"/entscheidungen/antrag/{reviewed.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "100.000,00" in html and "88.000,00" in html  # free now / free after
    assert "Entscheidung vorgeschlagen" in html  # the history in sentences (issue #12)
    assert decision.get_outcome_display() in html
