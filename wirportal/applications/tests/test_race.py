"""Concurrent autosave + submit must not lose data or submit twice (PostgreSQL only)."""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection, connections

from wirportal.applications import services
from wirportal.applications.models import Application, ApplicationStatus
from wirportal.audit.models import AuditEntry
from wirportal.documents.validation import validate_upload

pytestmark = [
    pytest.mark.postgres,
    # one worker runs the thread-heavy race tests one after another: two at once (50 + 20
    # threads) exceed PostgreSQL's max_connections of 100
    pytest.mark.xdist_group("postgres-races"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="race tests need PostgreSQL"),
]


def _run(jobs):
    barrier = Barrier(len(jobs))

    def run(job):
        try:
            barrier.wait()
            job()
            return "ok"
        except Exception as error:
            return type(error).__name__
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(run, jobs))


def test_parallel_submits_and_autosaves_never_double_submit_or_lose_saved_data(
    draft, world, pdf_upload
):
    applicant = world.users["applicant_a"]
    services.attachment_add(
        application=draft, upload=validate_upload(pdf_upload()), label="Konzept", by=applicant
    )

    def submit():
        services.application_submit(application=Application.objects.get(pk=draft.pk), by=applicant)

    def autosave(i):
        return lambda: services.application_autosave(
            application=Application.objects.get(pk=draft.pk),
            by=applicant,
            data={"goals": f"Ziel {i}"},
        )

    outcomes = _run([submit] * 5 + [autosave(i) for i in range(10)])
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert outcomes[:5].count("ok") == 1, outcomes
    assert draft.snapshots.count() == 1
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1
    # whatever autosave succeeded before the submission is in the snapshot; none came after it
    assert draft.snapshots.get().data["fields"]["goals"] == draft.goals
    assert all(o in {"ok", "NotAllowed"} for o in outcomes[5:]), outcomes
