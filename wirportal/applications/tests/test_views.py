from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wirportal.applications.models import Application, ApplicationStatus
from wirportal.applications.tests.factories import (
    ApplicationFactory,
    CostItemFactory,
    FundingSourceFactory,
)
from wirportal.core.money import format_eur
from wirportal.core.testing import assert_constant_queries
from wirportal.programmes.tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def test_application_list_has_constant_queries(world, client, django_assert_num_queries):
    client.force_login(world.users["applicant_a"])

    def add_rows():
        for _ in range(4):
            ApplicationFactory(organisation=world["org_a"])

    add_rows()
    url = reverse("applications:application-list")
    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), add_rows)


def test_applicant_sees_only_own_organisations_applications(world, client):
    own = ApplicationFactory(organisation=world["org_a"], title="Eigenes Projekt")
    ApplicationFactory(organisation=world["org_b"], title="Fremdes Projekt")
    client.force_login(world.users["applicant_a"])
    content = client.get(reverse("applications:application-list")).content.decode()
    assert own.title in content
    assert "Fremdes Projekt" not in content


def test_coordinator_sees_submitted_applications_of_their_unit_but_not_drafts(world, client):
    draft = ApplicationFactory(organisation=world["org_a"], title="Entwurf A")
    submitted = ApplicationFactory(organisation=world["org_a"], title="Eingereicht A")
    submitted.submit()
    submitted.save()
    client.force_login(world.users["coordinator_x"])
    content = client.get(reverse("applications:application-list")).content.decode()
    assert "Eingereicht A" in content and "Entwurf A" not in content
    assert client.get(draft.get_absolute_url()).status_code == 403


def test_applicant_cannot_create_for_a_foreign_organisation(world, client, today):
    call = CallFactory()
    client.force_login(world.users["applicant_b"])
    response = client.post(
        reverse("applications:application-create", kwargs={"call_pk": call.pk}),
        {"organisation": world["org_a"].pk},
    )
    assert response.status_code == 422
    assert not Application.objects.exists()


def test_autosave_endpoint_reports_time_and_keeps_invalid_values(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = client.post(
        reverse("applications:application-autosave", kwargs={"pk": draft.pk}),
        {"title": "Sprachcafé", "participants_planned": "viele", "_complete": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Gespeichert um" in content
    assert "ganze Zahl" in content
    # the status names the field and links to it
    assert '<a class="kern-link" href="#participants_planned">Geplante Teilnehmende</a>:' in content
    assert 'hx-swap-oob="true"' in content  # the grant box is refreshed too
    page = client.get(reverse("applications:application-edit", kwargs={"pk": draft.pk}))
    assert 'value="viele"' in page.content.decode()  # nothing typed is lost


def test_submit_with_errors_rerenders_editor_with_messages_next_to_fields(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = client.post(
        reverse("applications:application-submit", kwargs={"pk": draft.pk}),
        {"title": "", "summary": "Text", "_complete": "1"},
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "Bitte geben Sie einen Projekttitel an." in content
    assert 'id="title_error"' in content
    assert "Es fehlt die Anlage „Konzept“." in content
    assert "data-error-summary" in content


def test_full_submission_through_the_ui(draft, world, client, pdf_upload):
    client.force_login(world.users["applicant_a"])
    upload = client.post(
        reverse("applications:attachment-upload", kwargs={"pk": draft.pk}),
        {"label": "Konzept", "file": pdf_upload()},
    )
    assert upload.status_code == 302
    response = client.post(reverse("applications:application-submit", kwargs={"pk": draft.pk}))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    detail = client.get(draft.get_absolute_url()).content.decode()
    assert "Eingangsbestätigung Nr. 1" in detail


def test_refused_upload_shows_a_german_error_and_keeps_the_draft(draft, world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["applicant_a"])
    evil = SimpleUploadedFile(
        "konzept.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = client.post(
        reverse("applications:attachment-upload", kwargs={"pk": draft.pk}),
        {"label": "Konzept", "file": evil},
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "kern-error" in content
    assert draft.title in content  # the editor with everything else is shown again
    draft.refresh_from_db()
    assert draft.cost_items.count() == 1


def test_add_cost_row_via_htmx_returns_a_row(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = client.post(
        reverse("applications:cost-item-add", kwargs={"pk": draft.pk}),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.content.decode().strip().startswith("<tr")
    assert draft.cost_items.count() == 2


def test_editor_page_has_constant_queries(draft, world, client, django_assert_num_queries):
    client.force_login(world.users["applicant_a"])
    url = reverse("applications:application-edit", kwargs={"pk": draft.pk})

    def add_rows():
        for _ in range(3):
            CostItemFactory(application=draft, amount=D("10"))

    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), add_rows)


def test_withdraw_sends_a_mail_when_submitted(
    world, client, django_capture_on_commit_callbacks, mailoutbox
):
    application = ApplicationFactory(organisation=world["org_a"])
    application.submit()
    application.save()
    client.force_login(world.users["applicant_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:application-withdraw", kwargs={"pk": application.pk}),
            {"reason": "Projekt entfällt"},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert len(mailoutbox) == 1 and "zurückgezogen" in mailoutbox[0].subject


def _autosave_url(application) -> str:
    return reverse("applications:application-autosave", kwargs={"pk": application.pk})


def test_autosave_has_constant_queries(draft, world, client, django_assert_num_queries):
    """Deadline day: every pause in typing is an autosave; its queries must not grow with the
    cost plan (rows are read in one query each, unit rates only when a rate is posted)."""
    client.force_login(world.users["applicant_a"])
    count = [0]

    def post():
        count[0] += 1
        return client.post(
            _autosave_url(draft),
            {"title": f"Projekt {count[0]}", "participants_planned": "12"},
            headers={"HX-Request": "true"},
        )

    def add_rows():
        for _ in range(3):
            CostItemFactory(application=draft, amount=D("100"))
            FundingSourceFactory(application=draft, amount=D("10"))

    queries = assert_constant_queries(django_assert_num_queries, post, add_rows)
    # session and person (one query each in the embedded default's cache table, none with
    # Redis), application with line and the person's membership (one query), cost items,
    # funding sources; then the UPDATE
    # (if unchanged since read; one statement, no transaction around it) and the content
    # versions (one upsert in the embedded default's table; with Redis a cache write).
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    from wirportal.core import caching

    in_tables = 2 * isinstance(caches["default"], DatabaseCache)
    assert queries == 4 + in_tables + caching._written_in_transaction(connection), queries


def test_autosave_without_row_fields_writes_only_the_changed_columns(draft, world, client):
    client.force_login(world.users["applicant_a"])
    item = draft.cost_items.get()
    history = (item.history.count(), draft.history.count())
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            _autosave_url(draft), {"title": "Sprachcafé"}, headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    assert not any("costitem" in s and not s.startswith("SELECT") for s in sql)
    assert not any("fundingsource" in s and not s.startswith("SELECT") for s in sql)
    assert not any('FROM "programmes_unitrate"' in s for s in sql)  # no rate posted: not loaded
    (update,) = [s for s in sql if s.startswith('UPDATE "applications_application"')]
    assert '"title"' in update and '"summary"' not in update and '"status" =' not in update
    assert (item.history.count(), draft.history.count()) == history  # drafts keep no history
    draft.refresh_from_db()
    assert draft.title == "Sprachcafé" and draft.last_saved_at is not None
    assert draft.updated_at == draft.last_saved_at


def test_autosave_of_some_fields_keeps_the_target_groups_and_the_complete_form_sets_them(
    draft, world, client
):
    """Nothing entered is lost: a post of single fields leaves the checkboxes alone; only the
    editor's whole form (`_complete`) counts unchecked boxes as 'no'."""
    client.force_login(world.users["applicant_a"])
    draft.target_groups = ["frauen", "familien"]
    draft.save()
    client.post(_autosave_url(draft), {"title": "Sprachcafé"}, headers={"HX-Request": "true"})
    draft.refresh_from_db()
    assert draft.target_groups == ["frauen", "familien"]
    client.post(
        _autosave_url(draft),
        {"title": "Sprachcafé", "target_groups": ["jugendliche"], "_complete": "1"},
        headers={"HX-Request": "true"},
    )
    draft.refresh_from_db()
    assert draft.target_groups == ["jugendliche"]
    client.post(
        _autosave_url(draft),
        {"title": "Sprachcafé", "_complete": "1"},
        headers={"HX-Request": "true"},
    )
    draft.refresh_from_db()
    assert draft.target_groups == []


def test_autosave_with_row_fields_saves_rows_and_shows_the_new_grant(draft, world, client):
    client.force_login(world.users["applicant_a"])
    item = draft.cost_items.get()
    response = client.post(
        _autosave_url(draft),
        {f"cost-{item.pk}-amount": "12.000,50", f"cost-{item.pk}-units": "x"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    item.refresh_from_db()
    draft.refresh_from_db()
    assert item.amount == D("12000.50")
    # the gap line (cap 15,000): 12,000.50 costs minus 4,000 own funds
    assert draft.requested_amount == D("8000.50")
    assert format_eur(D("8000.50")) in content and 'hx-swap-oob="true"' in content
    assert draft.invalid_input[f"cost-{item.pk}-units"]["value"] == "x"  # kept verbatim
    assert "Zahl" in content


def test_autosave_of_a_submitted_application_is_refused_in_german(draft, world, client):
    client.force_login(world.users["applicant_a"])
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.SUBMITTED)
    response = client.post(
        _autosave_url(draft), {"title": "Zu spät"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "kann nicht mehr geändert werden" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title != "Zu spät"
    client.force_login(world.users["applicant_b"])  # not a member of the organisation
    assert client.post(_autosave_url(draft), {"title": "Fremd"}).status_code == 403
    assert (
        client.post(reverse("applications:application-autosave", kwargs={"pk": 0})).status_code
        == 404
    )


def test_autosave_status_names_an_invalid_row_field(draft, world, client):
    client.force_login(world.users["applicant_a"])
    item = draft.cost_items.get()
    response = client.post(
        _autosave_url(draft),
        {f"cost-{item.pk}-amount": "zweitausend"},
        headers={"HX-Request": "true"},
    )
    assert f'href="#cost-{item.pk}-amount">Kostenposition, Betrag in Euro</a>:' in (
        response.content.decode()
    )
