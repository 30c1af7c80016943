"""The start page of each role answers "what do I have to do now?" with constant queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wirportal.applications.tests.factories import ApplicationFactory, CostItemFactory
from wirportal.core.testing import assert_constant_queries
from wirportal.programmes.tests.factories import CallFactory

pytestmark = pytest.mark.django_db

URL = "/start/"


def _open_call(**kwargs):
    today = timezone.localdate()
    return CallFactory(
        opens_at=today - timedelta(days=10), closes_at=today + timedelta(days=30), **kwargs
    )


def _documents_requested(world, *, deadline_days=14, note="Bitte den Finanzplan unterschreiben."):
    from wirportal.reviews import services
    from wirportal.reviews.tests.factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"], budget=None
    )
    services.documents_request(
        application=application,
        by=world.users["case_worker"],
        missing=["Konzept"],
        note=note,
        deadline=timezone.localdate() + timedelta(days=deadline_days),
    )
    return application


def test_start_page_is_found_from_the_home_page(world, login):
    client = login(world.users["applicant_a"])
    assert URL in client.get("/").content.decode()
    assert reverse("dashboards:start") == URL


@pytest.mark.parametrize("role", ["applicant_a", "case_worker", "coordinator_x", "programme_staff"])
def test_the_home_page_leads_a_signed_in_person_to_their_start_page_first(world, login, role):
    """The first button under the greeting is the start page (one click from `/`)."""
    body = login(world.users[role]).get("/").content.decode()
    content = body[body.index("<main") :]
    first_button = content.index("kern-btn kern-btn--primary")
    assert content[first_button:].startswith(f'kern-btn kern-btn--primary" href="{URL}"')


def test_a_visitor_keeps_the_public_home_page(client):
    body = client.get("/").content.decode()
    assert "Anmelden" in body
    assert "Zu Ihrer Übersicht" not in body


def test_applicant_sees_drafts_with_progress_requests_and_fitting_calls(world, login):
    call = _open_call(title="Aufruf Vielfalt 2027")
    _open_call(title="Aufruf nur für Kommunen", line__eligible_kinds=["municipality"])
    draft = ApplicationFactory(
        organisation=world["org_a"], created_by=world.users["applicant_a"], call=call, goals=""
    )
    CostItemFactory(application=draft)
    application = _documents_requested(world)
    body = login(world.users["applicant_a"]).get(URL).content.decode()
    assert "5 von 7 Teilen ausgefüllt" in body  # no goals, no financing row
    assert reverse("applications:application-edit", args=[draft.pk]) in body
    assert "Bitte den Finanzplan unterschreiben." in body
    assert "Konzept" in body
    deadline = application.review_steps.get(result="missing").deadline
    assert deadline.strftime("%d.%m.%Y") in body
    assert "Aufruf Vielfalt 2027" in body
    assert "Aufruf nur für Kommunen" not in body


def test_another_applicant_sees_nothing_of_organisation_a(world, login):
    _documents_requested(world, note="Geheimer Vermerk an Träger A")
    body = login(world.users["applicant_b"]).get(URL).content.decode()
    assert "Geheimer Vermerk an Träger A" not in body


def test_case_worker_inbox_puts_deadlines_first_and_marks_resubmissions(world, login):
    from wirportal.reviews.tests.factories import application_in_review

    first = application_in_review(
        organisation=world["org_b"], applicant=world.users["applicant_b"], budget=None
    )
    waiting = _documents_requested(world)
    body = login(world.users["case_worker"]).get(URL).content.decode()
    assert body.index(waiting.reference) < body.index(first.reference)
    assert "Unterlagen bis" in body


def test_case_worker_sees_proposals_of_others_for_the_second_pair_of_eyes(world, login):
    from wirportal.decisions.tests.factories import GrantDecisionFactory
    from wirportal.reviews.tests.factories import application_in_review

    application = application_in_review(
        organisation=world["org_a"], applicant=world.users["applicant_a"], budget=None
    )
    GrantDecisionFactory(application=application)
    body = login(world.users["case_worker"]).get(URL).content.decode()
    assert "Freigabe" in body
    assert reverse("decisions:decision-detail", args=[application.decisions.get().pk]) in body


def test_coordinator_sees_their_unit_first(world, login):
    from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory

    StaffEntryFactory(office=world["office_x"], name="Ayşe Demir")
    RegionalActorFactory(name="Verein Nachbarschaft Kassel", offices=[world["office_x"]])
    body = login(world.users["coordinator_x"]).get(URL).content.decode()
    assert "Meine WIR-Einheit: " + world["office_x"].name in body
    assert "Ayşe Demir" in body
    assert "Verein Nachbarschaft Kassel" in body
    assert reverse("offices:office-detail", args=[world["office_x"].slug]) in body


def test_programme_staff_sees_the_budget_at_a_glance(world, login):
    from wirportal.programmes.tests.factories import LineBudgetFactory

    LineBudgetFactory(year=timezone.localdate().year, amount=Decimal("250000"))
    body = login(world.users["programme_staff"]).get(URL).content.decode()
    assert f"Haushalt {timezone.localdate().year} auf einen Blick" in body
    assert "250.000,00" in body


def test_visitor_sees_programme_events_and_units(world, client):
    from wirportal.events.tests.factories import EventFactory

    EventFactory(title="Regionalkonferenz Nord")
    body = client.get(URL).content.decode()
    assert "Regionalkonferenz Nord" in body
    assert "33 WIR-Einheiten" in body
    assert reverse("offices:office-list") in body


# --- constant queries per role ------------------------------------------------------------------


def _more_for_applicant(world):
    from wirportal.dashboards.tests.test_start_money import _multi_year_grant, _requested

    _requested(_multi_year_grant(world))
    for _ in range(3):
        call = _open_call()
        ApplicationFactory(
            organisation=world["org_a"], created_by=world.users["applicant_a"], call=call
        )
        _documents_requested(world)


def _more_for_case_worker(world):
    from wirportal.decisions.tests.factories import GrantDecisionFactory
    from wirportal.reviews.tests.factories import application_in_review

    for _ in range(3):
        _documents_requested(world)
        application = application_in_review(
            organisation=world["org_b"], applicant=world.users["applicant_b"], budget=None
        )
        GrantDecisionFactory(application=application)


def _more_for_coordinator(world):
    from wirportal.events.tests.factories import EventFactory
    from wirportal.offices.tests.factories import RegionalActorFactory, StaffEntryFactory

    for _ in range(3):
        StaffEntryFactory(office=world["office_x"])
        RegionalActorFactory(offices=[world["office_x"]])
        EventFactory(host_office=world["office_x"])
        _documents_requested(world)


def _more_for_programme(world):
    from wirportal.programmes.tests.factories import LineBudgetFactory

    for _ in range(3):
        LineBudgetFactory(year=timezone.localdate().year)
        _open_call()


def _more_for_visitor(world):
    from wirportal.events.tests.factories import EventFactory

    for _ in range(3):
        EventFactory()


@pytest.mark.parametrize(
    ("role", "more"),
    [
        ("applicant_a", _more_for_applicant),
        ("case_worker", _more_for_case_worker),
        ("coordinator_x", _more_for_coordinator),
        ("programme_staff", _more_for_programme),
        ("anonymous", _more_for_visitor),
    ],
)
def test_start_page_queries_stay_constant(world, login, django_assert_num_queries, role, more):
    client = login(world.users[role])
    more(world)  # one of each first: the page then shows every section
    assert_constant_queries(django_assert_num_queries, lambda: client.get(URL), lambda: more(world))


def test_signing_in_leads_to_the_start_page(world, client):
    """After the login form (no `next`), a person lands on what waits for them."""
    response = client.post(
        reverse("account_login"),
        {"login": "a@example.org", "password": "Sicheres-Passwort-123"},
    )
    assert response.status_code == 302
    assert response["Location"] == URL
