"""Issue #9 "Never lose input": bad input in the draft editor gets a German message next to its
field (never a 500, never Python's English text) and what was typed is kept. Runs on SQLite and,
with DATABASE_URL, on PostgreSQL (which refuses NUL bytes and overflowing decimals)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from wirportal.applications.models import Application
from wirportal.programmes.tests.factories import UnitRateFactory

pytestmark = pytest.mark.django_db


def _autosave(client, application, data):
    return client.post(
        reverse("applications:application-autosave", kwargs={"pk": application.pk}),
        data,
        headers={"HX-Request": "true"},
    )


def _editor(client, application) -> str:
    response = client.get(reverse("applications:application-edit", kwargs={"pk": application.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_project_end_before_start_in_autosave_is_flagged_next_to_the_field(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = _autosave(
        client, draft, {"period_start": "2027-06-01", "period_end": "2027-03-01", "_complete": "1"}
    )
    assert response.status_code == 200
    assert "Das Projektende liegt vor dem Projektbeginn." in response.content.decode()
    page = _editor(client, draft)
    assert 'id="period_end_error"' in page
    assert "Das Projektende liegt vor dem Projektbeginn." in page
    assert 'value="2027-06-01"' in page and 'value="2027-03-01"' in page  # nothing typed is lost
    draft.refresh_from_db()
    assert draft.period_start == date(2027, 6, 1)


def test_project_start_after_stored_end_is_flagged_on_the_start(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = _autosave(client, draft, {"period_start": "2027-12-24"})  # stored end: 30.11.2027
    assert response.status_code == 200
    assert "Der Projektbeginn liegt nach dem Projektende." in response.content.decode()
    assert 'value="2027-12-24"' in _editor(client, draft)


def test_project_end_before_start_on_submit_shows_the_form_with_the_message(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = client.post(
        reverse("applications:application-submit", kwargs={"pk": draft.pk}),
        {"title": "Sprachcafé", "period_start": "2027-06-01", "period_end": "2027-03-01"}
        | {"_complete": "1"},
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'id="period_end_error"' in content
    assert "Das Projektende liegt vor dem Projektbeginn." in content
    assert 'value="2027-03-01"' in content
    draft.refresh_from_db()
    assert draft.submitted_at is None


@pytest.mark.parametrize("field", ["title", "summary", "goals"])
def test_nul_byte_in_a_text_field_gets_a_german_message(draft, world, client, field):
    client.force_login(world.users["applicant_a"])
    response = _autosave(client, draft, {field: "Sprach\x00café"})
    assert response.status_code == 200
    assert "unzulässiges Steuerzeichen" in response.content.decode()
    page = _editor(client, draft)
    assert "Sprachcafé" in page  # kept, without the NUL byte


def test_nul_byte_in_row_fields_gets_a_german_message(draft, world, client):
    client.force_login(world.users["applicant_a"])
    item = draft.cost_items.get()
    source = draft.funding_sources.get()
    response = _autosave(
        client,
        draft,
        {
            f"cost-{item.pk}-description": "Hono\x00rare",
            f"cost-{item.pk}-amount": "12\x0034",
            f"cost-{item.pk}-category": "\x00",
            f"source-{source.pk}-name": "Stadt\x00",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("unzulässiges Steuerzeichen") >= 2
    page = _editor(client, draft)
    assert 'value="Honorare"' in page and 'value="Stadt"' in page


def test_nul_byte_on_submit_shows_the_form(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = client.post(
        reverse("applications:application-submit", kwargs={"pk": draft.pk}),
        {"title": "Sprach\x00café", "_complete": "1"},
    )
    assert response.status_code == 422
    assert "unzulässiges Steuerzeichen" in response.content.decode()


@pytest.mark.parametrize("units", ["99999999,999", "99999999,995", "100000000", "1e9"])
def test_too_many_cost_units_get_a_german_message_not_an_overflow(draft, world, client, units):
    client.force_login(world.users["applicant_a"])
    rate = UnitRateFactory(line=draft.line, amount=D("40"))
    item = draft.cost_items.get()
    response = _autosave(
        client,
        draft,
        {f"cost-{item.pk}-unit_rate": str(rate.pk), f"cost-{item.pk}-units": units},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Gespeichert um" in content
    assert f'href="#cost-{item.pk}-units"' in content
    assert f'value="{units}"' in _editor(client, draft)


def test_largest_number_of_units_is_stored(draft, world, client):
    client.force_login(world.users["applicant_a"])
    item = draft.cost_items.get()
    response = _autosave(client, draft, {f"cost-{item.pk}-units": "99999999,99"})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.units == D("99999999.99")


@pytest.mark.parametrize("amount", ["999999999999,999", "999.999.999.999,995"])
def test_an_amount_that_rounds_over_the_limit_gets_a_german_message(draft, world, client, amount):
    client.force_login(world.users["applicant_a"])
    item = draft.cost_items.get()
    response = _autosave(client, draft, {f"cost-{item.pk}-amount": amount})
    assert response.status_code == 200
    assert "Der Betrag ist zu groß." in response.content.decode()
    item.refresh_from_db()
    assert item.amount == D("19000.00")  # the stored amount of the draft fixture stays


def test_cost_plan_total_over_the_limit_is_not_a_server_error(draft, world, client):
    """Each row fits the money column, their sum (the requested grant) must fit too."""
    client.force_login(world.users["applicant_a"])
    item = draft.cost_items.get()
    from wirportal.applications.tests.factories import CostItemFactory

    draft.line.cap = None  # no cap: the requested grant is the gap, 1.8 trillion euros
    draft.line.save()
    other = CostItemFactory(application=draft, amount=D("900000000000"))
    response = _autosave(
        client,
        draft,
        {f"cost-{item.pk}-amount": "900.000.000.000", f"cost-{other.pk}-amount": "900000000000"},
    )
    assert response.status_code == 200
    assert "zu groß" in response.content.decode()
    assert 'value="900.000.000.000"' in _editor(client, draft)
    draft.refresh_from_db()
    assert draft.requested_amount < D("1e12")


@pytest.mark.parametrize("typed", ["²", "١٢", "１２", "1_000", "٣"])
def test_a_count_accepts_only_ascii_digits_with_the_german_message(draft, world, client, typed):
    client.force_login(world.users["applicant_a"])
    response = _autosave(client, draft, {"participants_planned": typed})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bitte geben Sie eine ganze Zahl an." in content
    assert "invalid literal" not in content
    draft.refresh_from_db()
    assert draft.invalid_input["participants_planned"]["value"] == typed


@pytest.mark.parametrize("field", ["amount", "units"])
@pytest.mark.parametrize("typed", ["²", "1²", "١٢", "1_000"])
def test_decimal_fields_reject_non_ascii_digits_in_german(draft, world, client, field, typed):
    client.force_login(world.users["applicant_a"])
    item = draft.cost_items.get()
    key = f"cost-{item.pk}-{field}"
    response = _autosave(client, draft, {key: typed})
    assert response.status_code == 200
    message = Application.objects.get(pk=draft.pk).invalid_input[key]["error"]
    assert message in {
        "Bitte geben Sie einen Betrag in Euro an, z. B. 1.234,50.",
        "Bitte geben Sie eine Zahl an, z. B. 12,5.",
    }, message


def test_a_unit_rate_of_superscript_two_is_not_a_server_error(draft, world, client):
    client.force_login(world.users["applicant_a"])
    item = draft.cost_items.get()
    response = _autosave(client, draft, {f"cost-{item.pk}-unit_rate": "²"})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.unit_rate is None


def test_an_unexpected_value_error_is_shown_in_german(draft, world, client, monkeypatch):
    """A parser's own bug must not show Python's English text to the applicant."""
    from wirportal.applications import services

    def broken(raw):
        raise ValueError("invalid literal for int() with base 10")

    monkeypatch.setitem(services.APPLICATION_PARSERS, "participants_planned", broken)
    client.force_login(world.users["applicant_a"])
    response = _autosave(client, draft, {"participants_planned": "12"})
    content = response.content.decode()
    assert "invalid literal" not in content
    assert "Bitte prüfen Sie diese Eingabe." in content


def test_a_start_after_the_stored_end_with_an_unreadable_end_flags_both(draft, world, client):
    client.force_login(world.users["applicant_a"])
    response = _autosave(client, draft, {"period_start": "2027-12-24", "period_end": "bald"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Bitte geben Sie ein Datum an" in content
    assert "Der Projektbeginn liegt nach dem Projektende." in content
    draft.refresh_from_db()
    assert (draft.period_start, draft.period_end) == (date(2027, 2, 1), date(2027, 11, 30))
