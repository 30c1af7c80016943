"""Pages of the early start request and the Doppelförderung declaration: errors next to the field,
nothing entered lost, the draft never shown to staff (ADR 0005)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from wirportal.applications import services
from wirportal.applications.models import EarlyStartRequest, EarlyStartStatus, OtherFunding

pytestmark = pytest.mark.django_db


def _send(draft, world, **changes):
    data = {
        "application": draft,
        "by": world.users["applicant_a"],
        "project_title": "Sprachcafé am Nachmittag",
        "planned_start": date(2027, 1, 4),
        "reasons": "Der Kurs beginnt mit dem Schulhalbjahr.",
        "contracts": "Honorarvertrag Kursleitung",
    }
    return services.early_start_request(**{**data, **changes})


def test_request_with_bad_input_keeps_everything_and_shows_errors_next_to_fields(
    draft, world, client
):
    client.force_login(world.users["applicant_a"])
    url = reverse("applications:early-start-create", args=[draft.pk])
    response = client.post(
        url,
        {
            "project_title": "Sprachcafé am Nachmittag",
            "planned_start": "01.11.2026",  # before today (25.11.2026)
            "reasons": "",
            "contracts": "Honorarvertrag Kursleitung, 4.800 €",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'value="Sprachcafé am Nachmittag"' in html
    assert "Honorarvertrag Kursleitung, 4.800 €" in html
    assert 'id="id_reasons_error"' in html
    assert 'aria-invalid="true"' in html
    assert not EarlyStartRequest.objects.exists()
    # the form's own check passes, the service refuses the past start: next to its field
    response = client.post(
        url,
        {
            "project_title": "Sprachcafé am Nachmittag",
            "planned_start": "2026-11-01",
            "reasons": "Der Kurs beginnt mit dem Schulhalbjahr.",
            "contracts": "Honorarvertrag Kursleitung",
        },
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "Vergangenheit" in form.errors["planned_start"][0]
    assert "Der Kurs beginnt mit dem Schulhalbjahr." in response.content.decode()


def test_request_sent_from_the_editor_saves_the_draft_first(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = client.post(
        reverse("applications:application-edit", args=[draft.pk]),
        {
            "_complete": "1",
            "title": "Neuer Titel",
            "_next": "early-start",
            "other_funding_declaration": "keine",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:early-start-create", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.title == "Neuer Titel"
    page = client.get(response["Location"])
    assert 'value="Neuer Titel"' in page.content.decode()
    response = client.post(
        response["Location"],
        {
            "project_title": "Neuer Titel",
            "planned_start": "2027-01-04",
            "reasons": "Schulhalbjahr",
            "contracts": "Honorarvertrag",
        },
    )
    assert response.status_code == 302
    request = EarlyStartRequest.objects.get()
    assert request.status == EarlyStartStatus.SENT
    editor = client.get(reverse("applications:application-edit", args=[draft.pk]))
    assert reverse("applications:early-start-detail", args=[request.pk]) in editor.content.decode()


def test_staff_see_the_request_but_not_the_draft(draft, world, client):
    draft.summary = "GEHEIMER ENTWURFSTEXT"
    draft.save()
    request = _send(draft, world)
    client.force_login(world.users["case_worker"])
    response = client.get(reverse("applications:early-start-detail", args=[request.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sprachcafé am Nachmittag" in html and "Honorarvertrag Kursleitung" in html
    assert "GEHEIMER ENTWURFSTEXT" not in html
    assert reverse("applications:application-detail", args=[draft.pk]) not in html
    listing = client.get(reverse("applications:early-start-list"))
    assert "Sprachcafé am Nachmittag" in listing.content.decode()
    client.force_login(world.users["applicant_b"])
    listing = client.get(reverse("applications:early-start-list"))
    assert "Sprachcafé am Nachmittag" not in listing.content.decode()


def test_case_worker_decision_with_bad_input_keeps_it_then_approves(
    draft, world, client, django_capture_on_commit_callbacks
):
    request = _send(draft, world)
    client.force_login(world.users["case_worker"])
    url = reverse("applications:early-start-decide", args=[request.pk])
    response = client.post(url, {"decision": "approve", "reasons": "Auflage: Belege sammeln"})
    assert response.status_code == 422
    assert "Auflage: Belege sammeln" in response.content.decode()
    assert response.context["form"].errors["approved_start"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"decision": "approve", "approved_start": "2027-01-04", "reasons": ""}
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == EarlyStartStatus.APPROVED
    assert request.approved_start == date(2027, 1, 4) and request.decided_on == date(2026, 11, 25)
    # the applicant's members download the letter
    client.force_login(world.users["applicant_a"])
    page = client.get(reverse("applications:early-start-detail", args=[request.pk]))
    html = page.content.decode()
    assert "Zustimmung zum vorzeitigen Maßnahmebeginn" in html
    document = page.context["documents"][0]
    download = client.get(reverse("documents:download", args=[document.public_id]))
    assert download.status_code == 200
    client.force_login(world.users["applicant_b"])
    download = client.get(reverse("documents:download", args=[document.public_id]))
    assert download.status_code in (403, 404)


def test_submission_without_declaration_shows_the_message_next_to_the_field(draft, world, client):
    draft.other_funding_declaration = ""
    draft.save()
    client.force_login(world.users["applicant_a"])
    response = client.post(
        reverse("applications:application-submit", args=[draft.pk]),
        {"_complete": "1", "title": draft.title, "summary": "Text bleibt erhalten"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="other_funding_declaration_error"' in html
    assert 'href="#other_funding_declaration"' in html
    assert "Text bleibt erhalten" in html


def test_editor_rows_of_other_funding_keep_what_was_typed(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = client.post(
        reverse("applications:other-funding-add", args=[draft.pk]),
        {"title": "Mit Zeile"},
    )
    assert response.status_code == 302
    other = OtherFunding.objects.get(application=draft)
    client.post(
        reverse("applications:application-autosave", args=[draft.pk]),
        {
            "other_funding_declaration": "angegeben",
            f"other-{other.pk}-funder": "Stiftung",
            f"other-{other.pk}-amount": "drei Euro",
        },
    )
    page = client.get(reverse("applications:application-edit", args=[draft.pk]))
    html = page.content.decode()
    assert 'value="drei Euro"' in html and 'value="Stiftung"' in html
    assert (
        'id="ofd-angegeben" checked' in html
        or 'value="angegeben" id="ofd-angegeben" checked' in html
    )
    client.post(reverse("applications:other-funding-remove", args=[draft.pk, other.pk]))
    assert not OtherFunding.objects.filter(pk=other.pk).exists()


def test_review_page_lists_other_funding_and_flags_double_funding(draft, world, client, pdf_upload):
    from wirportal.documents.services import validate_upload

    applicant = world.users["applicant_a"]
    draft.other_funding_declaration = "angegeben"
    draft.save()
    OtherFunding.objects.create(
        application=draft,
        funder="Stiftung Miteinander",
        amount=D("3000"),
        status="bewilligt",
        on=date(2026, 10, 1),
    )
    for label in draft.line.required_attachments:
        services.attachment_add(
            application=draft, upload=validate_upload(pdf_upload()), label=label, by=applicant
        )
    services.application_submit(application=draft, by=applicant)
    client.force_login(world.users["case_worker"])
    response = client.get(reverse("reviews:review-detail", args=[draft.pk]))
    html = response.content.decode()
    assert "Stiftung Miteinander" in html
    assert "Doppelförderung" in html


def test_application_page_shows_the_declaration_and_the_early_start(draft, world, client):
    request = _send(draft, world)
    services.early_start_decide(
        request=request,
        by=world.users["case_worker"],
        approve=True,
        approved_start=date(2027, 1, 4),
    )
    client.force_login(world.users["applicant_a"])
    html = client.get(reverse("applications:application-detail", args=[draft.pk])).content.decode()
    assert "keine weiteren Förderungen" in html
    assert "zugestimmt ab 04.01.2027 (am 25.11.2026)" in html
