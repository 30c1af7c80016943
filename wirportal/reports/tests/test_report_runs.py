"""The annual programme report: queued with the request (outbox), built by the worker as a
PDF/A-3a, kept with its date; its progress row is polled by htmx; auditors read only."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from wirportal.reports.models import ReportRun, RunStatus
from wirportal.reports.tests.test_dashboards import Data

pytestmark = pytest.mark.django_db


def test_a_report_is_built_in_the_background_as_pdfa(
    client, world, django_capture_on_commit_callbacks
):
    Data(world).fill()
    client.force_login(world.users["programme_staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report-runs"), {"jahr": "2026"})
    assert response.status_code == 302
    run = ReportRun.objects.get()
    assert run.status == RunStatus.DONE, run.error
    assert run.progress == 100 and run.finished_at is not None
    with default_storage.open(run.document.storage_name, "rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF")
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.open_metadata().get("pdfaid:part") == "3"  # PDF/A-3
        assert len(document.pages) > 1
    assert run.document.display_name.startswith("programmbericht-2026-")
    page = client.get(reverse("reports:report-runs"))
    assert run.document.public_id.hex[:8] in page.content.decode().replace("-", "")
    download = client.get(reverse("documents:download", args=[run.document.public_id]))
    assert download.status_code == 200


def test_a_running_report_is_polled_and_auditors_cannot_start_one(client, world):
    run = ReportRun.objects.create(
        year=2026, created_by=world.users["programme_staff"], status=RunStatus.RUNNING, progress=40
    )
    client.force_login(world.users["auditor"])
    row = client.get(reverse("reports:report-run-status", args=[run.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in row and 'value="40"' in row
    assert client.post(reverse("reports:report-runs"), {"jahr": "2026"}).status_code == 403
    run.status = RunStatus.DONE
    run.save()
    row = client.get(reverse("reports:report-run-status", args=[run.pk])).content.decode()
    assert "hx-trigger" not in row


def test_a_second_report_of_a_year_waits_for_the_first(client, world):
    from wirportal.programmes.models import LineBudget
    from wirportal.programmes.tests.factories import FundingLineFactory

    LineBudget.objects.create(line=FundingLineFactory(), year=2026, amount=1)
    ReportRun.objects.create(year=2026, created_by=world.users["programme_staff"])
    client.force_login(world.users["case_worker"])
    response = client.post(reverse("reports:report-runs"), {"jahr": "2026"}, follow=True)
    assert "wird bereits erstellt" in response.content.decode()
    assert ReportRun.objects.count() == 1
