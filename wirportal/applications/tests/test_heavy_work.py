"""The receipt PDF is rendered and checked outside the write transaction (ADR 0014).

On SQLite a write transaction holds the one database-wide write lock, on PostgreSQL the
submission holds the application's row lock: neither may be held for the hundreds of
milliseconds WeasyPrint needs. The submission works the receipt out first, then takes the lock
and checks that nothing changed; a change in between is refused cleanly or worked out again.
"""

import pytest
from django.core import mail
from django.db import connection

from wirportal.applications import selectors, services
from wirportal.applications.models import Application, ApplicationStatus
from wirportal.applications.services import submission
from wirportal.applications.tests.locks import hook_renderer, row_lock_from_another_connection
from wirportal.audit.models import AuditEntry
from wirportal.core.exceptions import NotAllowed
from wirportal.documents import validation
from wirportal.documents.models import StoredDocument
from wirportal.documents.tests.pdf_text import normalised, pdf_text
from wirportal.documents.validation import validate_upload


def _attach(application, pdf_upload, by):
    for label in application.line.required_attachments:
        services.attachment_add(
            application=application, upload=validate_upload(pdf_upload()), label=label, by=by
        )


def _receipts(application):
    return [
        d
        for d in selectors.documents_of_application(application)
        if d.kind == services.RECEIPT_KIND
    ]


@pytest.fixture
def pdf_checks(monkeypatch):
    """Records the open atomic blocks whenever a PDF is checked before it is stored."""
    depths: list[int] = []
    original = validation._check_pdf

    def recording(*args, **kwargs):
        depths.append(len(connection.atomic_blocks))
        return original(*args, **kwargs)

    monkeypatch.setattr(validation, "_check_pdf", recording)
    return depths


@pytest.mark.django_db
def test_the_receipt_is_rendered_and_checked_outside_the_write_transaction(
    draft, world, pdf_upload, monkeypatch, pdf_checks
):
    applicant = world.users["applicant_a"]
    _attach(draft, pdf_upload, applicant)
    pdf_checks.clear()
    outside = len(connection.atomic_blocks)
    depths: list[int] = []
    rendered = hook_renderer(
        monkeypatch, [submission], lambda _t: depths.append(len(connection.atomic_blocks))
    )
    services.application_submit(application=draft, by=applicant)
    assert rendered == ["applications/receipt.html"]
    assert depths == [outside]
    assert pdf_checks == [outside]  # the stored receipt's check (pikepdf, clamd) too
    assert len(_receipts(draft)) == 1


@pytest.mark.django_db
def test_a_withdrawal_while_the_receipt_renders_is_refused_cleanly(
    draft, world, pdf_upload, monkeypatch
):
    applicant = world.users["applicant_a"]
    _attach(draft, pdf_upload, applicant)
    mail.outbox.clear()

    def withdraw_meanwhile(_template):
        services.application_withdraw(
            application=Application.objects.get(pk=draft.pk), by=applicant
        )

    hook_renderer(monkeypatch, [submission], withdraw_meanwhile)
    with pytest.raises(NotAllowed):
        services.application_submit(application=draft, by=applicant)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.WITHDRAWN
    assert draft.snapshots.count() == 0
    assert _receipts(draft) == []  # the rendered receipt was discarded, not stored
    assert not StoredDocument.objects.filter(kind=services.RECEIPT_KIND).exists()
    assert not AuditEntry.objects.filter(action="application.submitted").exists()


@pytest.mark.django_db
def test_an_autosave_while_the_receipt_renders_is_in_the_snapshot_and_the_receipt(
    draft, world, pdf_upload, monkeypatch, django_capture_on_commit_callbacks
):
    applicant = world.users["applicant_a"]
    _attach(draft, pdf_upload, applicant)

    def autosave_once(_template):
        if len(rendered) == 1:  # another tab saves while the first receipt renders
            services.application_autosave(
                application=Application.objects.get(pk=draft.pk),
                by=applicant,
                data={"title": "Titel aus dem zweiten Fenster"},
            )

    rendered = hook_renderer(monkeypatch, [submission], autosave_once)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=draft, by=applicant)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.title == "Titel aus dem zweiten Fenster"
    assert draft.snapshots.get().data["fields"]["title"] == "Titel aus dem zweiten Fenster"
    assert len(rendered) == 2  # the first receipt showed the old title: rendered again
    (receipt,) = _receipts(draft)
    ((_name, content, _type),) = mail.outbox[-1].attachments
    assert "Titel aus dem zweiten Fenster" in normalised(pdf_text(content))
    assert receipt.sha256
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_the_application_row_is_free_while_the_receipt_renders(
    draft, world, pdf_upload, monkeypatch
):
    """A second connection gets `SELECT … FOR UPDATE NOWAIT` on the application while the receipt
    renders: the submission does not hold the row lock then (an autosave would wait otherwise)."""
    applicant = world.users["applicant_a"]
    _attach(draft, pdf_upload, applicant)
    seen: list[str] = []
    hook_renderer(
        monkeypatch,
        [submission],
        lambda _t: seen.append(row_lock_from_another_connection(Application, draft.pk)),
    )
    services.application_submit(application=Application.objects.get(pk=draft.pk), by=applicant)
    assert seen == ["free"]
    assert Application.objects.get(pk=draft.pk).status == ApplicationStatus.SUBMITTED


@pytest.mark.django_db
def test_the_check_under_the_lock_reads_the_cost_plan_once(draft, world, pdf_upload):
    """On SQLite every other writer waits while a submission holds the lock: the check, the grant
    and the snapshot share one read of the cost plan (before: each read it, four times)."""
    from django.test.utils import CaptureQueriesContext

    from wirportal.applications.models import CostItem, FundingSource

    applicant = world.users["applicant_a"]
    _attach(draft, pdf_upload, applicant)
    reads: dict[str, list[int]] = {"inside": [], "outside": []}
    outside = len(connection.atomic_blocks)  # the test's own transaction

    def count(execute, sql, params, many, context):
        if sql.startswith("SELECT") and (
            f'FROM "{CostItem._meta.db_table}"' in sql
            or f'FROM "{FundingSource._meta.db_table}"' in sql
        ):
            reads["inside" if len(connection.atomic_blocks) > outside else "outside"].append(1)
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection), connection.execute_wrapper(count):
        services.application_submit(application=draft, by=applicant)
    assert draft.__class__.objects.get(pk=draft.pk).status == ApplicationStatus.SUBMITTED
    assert len(reads["inside"]) == 2  # the items and the sources, once each
    assert len(reads["outside"]) == 2  # the same before the lock; the receipt uses those rows
