from datetime import date
from decimal import Decimal as D

import pytest
from django.core import mail

from wirportal.applications import selectors, services
from wirportal.applications.models import Application, ApplicationStatus, CostItem
from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import DeadlineMissed, NotAllowed
from wirportal.documents.validation import validate_upload
from wirportal.offices.models import OrganisationKind
from wirportal.programmes.tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def _attach(application, pdf_upload, by):
    for label in application.line.required_attachments:
        services.attachment_add(
            application=application, upload=validate_upload(pdf_upload()), label=label, by=by
        )


def test_create_gives_a_reference_and_checks_eligibility_and_dates(world, today):
    call = CallFactory()
    applicant = world.users["applicant_a"]
    application = services.application_create(call=call, organisation=world["org_a"], by=applicant)
    assert application.reference == f"WIR-2027-{application.pk:06d}"
    assert application.status == ApplicationStatus.DRAFT
    with pytest.raises(NotAllowed, match="nicht Mitglied"):
        services.application_create(call=call, organisation=world["org_b"], by=applicant)
    world["org_a"].kind = OrganisationKind.MUNICIPALITY
    world["org_a"].save()
    with pytest.raises(NotAllowed, match="keinen Antrag"):
        services.application_create(call=call, organisation=world["org_a"], by=applicant)
    closed = CallFactory(opens_at=date(2025, 9, 1), closes_at=date(2025, 12, 31))
    world["org_a"].kind = OrganisationKind.ASSOCIATION
    world["org_a"].save()
    with pytest.raises(DeadlineMissed):
        services.application_create(call=closed, organisation=world["org_a"], by=applicant)


def test_autosave_keeps_invalid_input_and_stores_the_rest(draft, world):
    item = draft.cost_items.get()
    result = services.application_autosave(
        application=draft,
        by=world.users["applicant_a"],
        data={
            "title": "Sprachcafé",
            "participants_planned": "zwanzig",
            f"cost-{item.pk}-amount": "12.000,50",
            "period_start": "31.02.2027",
        },
    )
    draft.refresh_from_db()
    item.refresh_from_db()
    assert draft.title == "Sprachcafé"
    assert item.amount == D("12000.50")
    assert set(result.errors) == {"participants_planned", "period_start"}
    assert draft.invalid_input["participants_planned"]["value"] == "zwanzig"
    assert draft.invalid_input["period_start"]["value"] == "31.02.2027"
    assert draft.participants_planned == 25  # the last valid value stays
    # the requested grant follows the line's financing type (gap, cap 15,000)
    assert draft.requested_amount == D("8000.50")
    services.application_autosave(
        application=draft, by=world.users["applicant_a"], data={"participants_planned": "20"}
    )
    draft.refresh_from_db()
    assert "participants_planned" not in draft.invalid_input
    assert draft.participants_planned == 20


def test_submit_refuses_incomplete_drafts_with_messages_per_field(draft, world):
    draft.title = ""
    draft.not_started_declared = False
    draft.save()
    with pytest.raises(services.ApplicationIncomplete) as error:
        services.application_submit(application=draft, by=world.users["applicant_a"])
    assert "title" in error.value.errors
    assert "not_started_declared" in error.value.errors
    assert "attachments" in error.value.errors  # Konzept is required
    assert Application.objects.get(pk=draft.pk).status == ApplicationStatus.DRAFT


def test_submit_freezes_a_snapshot_stores_a_receipt_and_mails_it(
    draft, world, pdf_upload, django_capture_on_commit_callbacks
):
    applicant = world.users["applicant_a"]
    _attach(draft, pdf_upload, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=draft, by=applicant)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.requested_amount == D("15000.00")  # gap 16,000 capped at 15,000
    snapshot = draft.snapshots.get()
    assert snapshot.data["fields"]["requested_amount"] == "15000.00"
    assert snapshot.data["attachments"][0]["sha256"]
    receipt = [
        d for d in selectors.documents_of_application(draft) if d.kind == "eingangsbestaetigung"
    ]
    assert len(receipt) == 1 and receipt[0].file_kind == "pdf"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert draft.reference in message.subject
    assert applicant.email in message.to
    ((_name, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf" and content.startswith(b"%PDF-")
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(content)) as pdf:  # archival PDF/A-3a
        assert pdf.open_metadata().get("pdfaid:part") == "3"
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1
    with pytest.raises(NotAllowed):
        services.application_autosave(application=draft, by=applicant, data={"title": "später"})


def test_submission_after_the_deadline_is_refused_unless_extended(
    draft, world, pdf_upload, monkeypatch
):
    from django.utils import timezone

    applicant = world.users["applicant_a"]
    _attach(draft, pdf_upload, applicant)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2027, 1, 4))
    with pytest.raises(services.ApplicationIncomplete) as error:
        services.application_submit(application=draft, by=applicant)
    assert "call" in error.value.errors
    draft.call.extended_until = date(2027, 1, 8)
    draft.call.save()
    draft.refresh_from_db()
    draft.period_start = date(2027, 2, 1)
    services.application_submit(application=draft, by=applicant)


def test_resubmission_after_changes_shows_what_changed(draft, world, pdf_upload):
    applicant, case_worker = world.users["applicant_a"], world.users["case_worker"]
    _attach(draft, pdf_upload, applicant)
    services.application_submit(application=draft, by=applicant)
    assert selectors.snapshot_diff(draft) == []
    services.application_start_review(application=draft, by=case_worker)
    services.application_request_changes(
        application=draft, by=case_worker, reason="Bitte Honorare aufschlüsseln."
    )
    item = draft.cost_items.get()
    services.application_autosave(
        application=draft,
        by=applicant,
        data={"title": "Neuer Titel", f"cost-{item.pk}-amount": "18000"},
    )
    services.application_submit(application=draft, by=applicant)
    changes = selectors.snapshot_diff(draft)
    what = [c[0] for c in changes]
    assert "Projekttitel" in what
    assert "Kostenplan" in what
    assert ("Beantragte Zuwendung", "15000.00", "14000.00") in changes


def test_withdraw_before_decision_only(draft, world):
    applicant = world.users["applicant_a"]
    services.application_withdraw(application=draft, by=applicant, reason="entfällt")
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.WITHDRAWN
    with pytest.raises(NotAllowed):
        services.application_withdraw(application=draft, by=applicant)


def test_cost_rows_can_be_added_and_removed(draft, world):
    applicant = world.users["applicant_a"]
    item = services.cost_item_add(application=draft, by=applicant)
    services.application_autosave(
        application=draft, by=applicant, data={f"cost-{item.pk}-amount": "abc"}
    )
    draft.refresh_from_db()
    assert f"cost-{item.pk}-amount" in draft.invalid_input
    services.cost_item_remove(application=draft, item=item, by=applicant)
    draft.refresh_from_db()
    assert not CostItem.objects.filter(pk=item.pk).exists()
    assert draft.invalid_input == {}


def test_fixed_amount_line_uses_unit_rates(world, today):
    from wirportal.applications.tests.factories import ApplicationFactory
    from wirportal.programmes.models import FinancingType
    from wirportal.programmes.tests.factories import FundingLineFactory, UnitRateFactory

    line = FundingLineFactory(financing_type=FinancingType.FIXED, cap=None)
    rate = UnitRateFactory(line=line, amount=D("40"), max_units=D("300"), max_amount=D("12000"))
    application = ApplicationFactory(
        organisation=world["org_a"], call=CallFactory(line=line), line=line
    )
    item = services.cost_item_add(application=application, by=world.users["applicant_a"])
    services.application_autosave(
        application=application,
        by=world.users["applicant_a"],
        data={f"cost-{item.pk}-unit_rate": str(rate.pk), f"cost-{item.pk}-units": "320"},
    )
    application.refresh_from_db()
    # 320 UE × 40 € = 12,800 €; but at most 300 UE and 12,000 € per course
    assert application.requested_amount == D("12000.00")


def test_demo_creates_applications_in_three_states_and_is_idempotent(world, today):
    from wirportal.offices import demo as offices_demo
    from wirportal.programmes import demo as programmes_demo

    from .. import demo

    offices_demo.load()
    programmes_demo.load()
    assert demo.load()
    assert demo.load() == ""
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == ["draft", "submitted", "submitted", "withdrawn"]
    draft = Application.objects.get(status="draft")
    assert any(v["value"] == "zweitausend" for v in draft.invalid_input.values())
    mo = Application.objects.get(title="Elterncafé mehrsprachig")
    assert mo.requested_amount == D("10200.00")


def test_autosave_from_a_stale_read_works_its_changes_out_again_under_the_lock(draft, world):
    """Two tabs: the second read the draft before the first saved; worked out from its old read,
    its save would leave the first tab's error flag on a field it has just corrected."""
    applicant = world.users["applicant_a"]
    stale = selectors.application_for_autosave(pk=draft.pk)
    services.application_autosave(
        application=selectors.application_for_autosave(pk=draft.pk),
        by=applicant,
        data={"participants_planned": "viele", "title": "Erster Tab"},
    )
    result = services.application_autosave(
        application=stale, by=applicant, data={"participants_planned": "12"}
    )
    draft.refresh_from_db()
    assert draft.participants_planned == 12
    assert draft.invalid_input == {} == result.application.invalid_input
    assert draft.title == "Erster Tab"

    stale = selectors.application_for_autosave(pk=draft.pk)
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.SUBMITTED)
    with pytest.raises(NotAllowed):
        services.application_autosave(application=stale, by=applicant, data={"title": "Zu spät"})
    draft.refresh_from_db()
    assert draft.title == "Erster Tab"


def test_adding_a_row_tells_a_concurrent_autosave_to_read_again(draft, world):
    before = Application.objects.get(pk=draft.pk).updated_at
    services.cost_item_add(application=draft, by=world.users["applicant_a"])
    services.funding_source_add(application=draft, by=world.users["applicant_a"])
    assert Application.objects.get(pk=draft.pk).updated_at > before


def test_an_autosave_of_the_application_alone_is_one_statement_without_a_transaction(draft, world):
    """On every pause in typing: one UPDATE is atomic by itself, a transaction around it costs
    PostgreSQL two more round trips (BEGIN, COMMIT; make bench-pg). Rows that change with it
    are written in one transaction (negative control)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    applicant = world.users["applicant_a"]

    def statements(data) -> list[str]:
        application = selectors.application_for_autosave(pk=draft.pk)
        with CaptureQueriesContext(connection) as queries:
            services.application_autosave(application=application, by=applicant, data=data)
        return [q["sql"].split()[0].upper() for q in queries.captured_queries]

    alone = statements({"title": "Nur der Titel"})
    assert "UPDATE" in alone and "SAVEPOINT" not in alone and "BEGIN" not in alone
    item = draft.cost_items.get()
    with_row = statements({"title": "Mit Zeile", f"cost-{item.pk}-amount": "100"})
    assert "SAVEPOINT" in with_row or "BEGIN" in with_row
    draft.refresh_from_db()
    item.refresh_from_db()
    assert draft.title == "Mit Zeile" and item.amount == D("100")
