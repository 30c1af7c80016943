"""Referral shares only what was agreed; deletion by the configured periods; statistics
suppress small counts; staff pages have constant queries."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wirportal.antidiscrimination import selectors, services
from wirportal.antidiscrimination.models import Ground, Message, Report, ReportStatus
from wirportal.core.exceptions import DomainError
from wirportal.core.testing import assert_constant_queries
from wirportal.documents.models import StoredDocument

from .factories import centre, submit

pytestmark = pytest.mark.django_db(transaction=False)

SECRET_STORY = "Der Vermieter Herr Beispiel sagte wörtlich etwas Verletzendes."


def _staff(world):
    return world.users["antidiscrimination"]


def test_referral_sends_only_what_the_person_agreed_to(world, django_capture_on_commit_callbacks):
    agreed = submit(
        description=SECRET_STORY,
        contact_consent=True,
        contact_email="melde@example.org",
        referral_wanted=True,
        share_description=False,
        share_contact=True,
    ).report
    target = centre()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_refer(report=agreed, centre=target, by=_staff(world))
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["beratung@example.org"]
    assert SECRET_STORY not in sent.body
    assert "melde@example.org" in sent.body
    assert "Die Schilderung darf nicht weitergegeben werden." in sent.body
    agreed.refresh_from_db()
    assert agreed.status == ReportStatus.REFERRED and agreed.referred_to == target


def test_no_referral_without_consent(world):
    report = submit(referral_wanted=False).report
    with pytest.raises(DomainError, match="nicht zugestimmt"):
        services.report_refer(report=report, centre=centre(), by=_staff(world))


def test_reply_is_read_with_the_code_and_reporter_can_add(world, client):
    submitted = submit()
    services.staff_reply(report=submitted.report, text="Wir melden uns.", by=_staff(world))
    response = client.post(reverse("antidiscrimination:follow-up"), {"code": submitted.code})
    assert "Wir melden uns." in response.content.decode()
    response = client.post(
        reverse("antidiscrimination:follow-up-add"),
        {"code": submitted.code, "text": "Es gab eine Zeugin."},
    )
    assert response.status_code == 200
    assert "Ihre Ergänzung ist gespeichert." in response.content.decode()
    assert Message.objects.filter(from_staff=False, text="Es gab eine Zeugin.").exists()


def test_purge_deletes_reports_and_files_after_the_configured_period(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wirportal.documents.validation import validate_upload

    from .test_privacy import _pdf_with_author

    upload = validate_upload(
        SimpleUploadedFile("a.pdf", _pdf_with_author(), content_type="application/pdf"),
        allowed=("pdf",),
    )
    old = submit(files=[upload]).report
    fresh = submit().report
    services.report_close(report=old, by=_staff(world))
    services.retention_update(closed_days=30, inactive_days=365, by=_staff(world))
    document = StoredDocument.objects.get(owner_id=old.pk)
    today = timezone.localdate()
    assert services.purge_expired(today=today + timedelta(days=29)) == 0
    assert services.purge_expired(today=today + timedelta(days=30)) == 1
    assert list(Report.objects.all()) == [fresh]
    assert not StoredDocument.objects.filter(pk=document.pk).exists()
    # the fresh one goes after a year without activity
    assert services.purge_expired(today=today + timedelta(days=365)) == 1
    assert not Report.objects.exists()
    assert services.purge_expired(today=today + timedelta(days=400)) == 0


def test_the_purge_job_is_scheduled():
    from wirportal.core.scheduling import registered_jobs

    assert "antidiscrimination_purge" in {job.name for job in registered_jobs()}


def test_statistics_suppress_counts_below_five(world):
    for _ in range(5):
        submit(grounds=[Ground.RACISM])
    submit(grounds=[Ground.AGE])
    tables = {table.title: table for table in selectors.statistics()}
    by_ground = dict(tables["Nach Merkmal"].rows)
    year = timezone.localdate().year
    index = tables["Nach Merkmal"].years.index(year)
    assert by_ground["Rassismus / ethnische Herkunft"][index].count == 5
    assert by_ground["Lebensalter"][index].count is None  # 1: suppressed
    assert by_ground["Antisemitismus"][index].count is None  # 0 looks the same as 1..4


@pytest.mark.parametrize(
    "name", ["report-list", "statistics", "report-detail", "centre-list", "follow-up"]
)
def test_constant_queries(world, client, django_assert_num_queries, name):
    client.force_login(_staff(world))
    first = submit()
    centre()

    def add_rows():
        for n in range(3):
            more = submit(grounds=[Ground.RACISM, Ground.AGE])
            services.staff_reply(report=first.report, text=f"Antwort {n}", by=_staff(world))
            services.reporter_add(report=first.report, text=f"Ergänzung {n}")
            centre(name=f"Stelle {n}", email=f"s{n}@example.org")
            assert more

    def get_page():
        if name == "report-detail":
            return client.get(reverse("antidiscrimination:report-detail", args=[first.report.pk]))
        if name == "follow-up":
            return client.post(reverse("antidiscrimination:follow-up"), {"code": first.code})
        return client.get(reverse(f"antidiscrimination:{name}"))

    assert_constant_queries(django_assert_num_queries, get_page, add_rows)


def test_the_receipt_pdf_needs_the_right_code(world, client):
    submitted = submit()
    url = reverse("antidiscrimination:receipt-pdf")
    response = client.post(url, {"code": submitted.code})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    refused = client.post(url, {"code": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"})
    assert refused.status_code == 422
    assert "keine Meldung" in refused.content.decode()
