from decimal import Decimal as D

import pytest
from django.urls import reverse

from wirportal.core.testing import assert_constant_queries
from wirportal.programmes import services
from wirportal.programmes.models import BudgetYear, FundingLine

from .factories import FundingLineFactory, LineBudgetFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_budget_overview_has_constant_queries(world, client, django_assert_num_queries):
    client.force_login(world.users["case_worker"])
    url = reverse("programmes:budget-overview") + "?jahr=2027"
    staff = world.users["programme_staff"]

    def add_rows():
        for _ in range(5):
            line = FundingLineFactory(allocated_per_office=True)
            BudgetYear.objects.create(programme=line.programme, year=2027, total=D("100000"))
            budget = LineBudgetFactory(line=line, amount=D("1000"))
            for office in (world["office_x"], world["office_y"]):
                services.office_allocation_save(
                    by=staff, line_budget=budget, office=office, amount=D("400")
                )
            services.budget_commit(
                line=line,
                year_amounts={2027: D("100")},
                office=world["office_x"],
                source_key=f"x:{line.pk}",
                by=staff,
            )

    add_rows()
    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), add_rows)


def test_programme_list_has_constant_queries(world, client, django_assert_num_queries):
    url = reverse("programmes:programme-list")

    def add_rows():
        for _ in range(3):
            FundingLineFactory(programme=ProgrammeFactory())

    add_rows()
    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), add_rows)


def test_staff_creates_a_funding_line_in_the_ui(world, client):
    client.force_login(world.users["programme_staff"])
    programme = ProgrammeFactory()
    response = client.post(
        reverse("programmes:line-create", kwargs={"pk": programme.pk}),
        {
            "code": "d4u",
            "name": "Deutsch 4U",
            "eligible_kinds": ["association", "welfare"],
            "financing_type": "anteil",
            "rate": "",
            "required_attachments": "Kursplanung\nKooperationsschreiben",
        },
    )
    assert response.status_code == 422
    assert "Fördersatz" in response.content.decode()
    assert 'value="d4u"' in response.content.decode()  # what was typed stays
    response = client.post(
        reverse("programmes:line-create", kwargs={"pk": programme.pk}),
        {
            "code": "d4u",
            "name": "Deutsch 4U",
            "eligible_kinds": ["association", "welfare"],
            "financing_type": "anteil",
            "rate": "75",
            "required_attachments": "Kursplanung\nKooperationsschreiben",
        },
    )
    line = FundingLine.objects.get(code="d4u")
    assert response.status_code == 302
    assert line.required_attachments == ["Kursplanung", "Kooperationsschreiben"]
    assert line.eligible_kinds == ["association", "welfare"]


def test_line_budget_error_is_shown_next_to_the_field(world, client):
    client.force_login(world.users["programme_staff"])
    line = FundingLineFactory()
    response = client.post(
        reverse("programmes:line-budget-create", kwargs={"pk": line.pk}),
        {"year": "2031", "amount": "100"},
    )
    assert response.status_code == 422
    assert "kein Haushaltsjahr" in response.content.decode()


def test_budget_years_available_are_distinct_and_newest_first(world):
    from wirportal.programmes import selectors

    first, second = FundingLineFactory(), FundingLineFactory()
    for line, year in [(first, 2026), (second, 2026), (first, 2028), (second, 2027)]:
        LineBudgetFactory(line=line, year=year, amount=D("1"))
    assert selectors.budget_years_available() == [2028, 2027, 2026]


def test_staff_set_the_level_of_caps_and_the_rounding_of_a_line(world, client):
    """A line's caps are data with their level (brief A5–A10), edited by programme staff."""
    from wirportal.programmes.models import CapLevel, Rounding, UnitRate

    client.force_login(world.users["programme_staff"])
    line = FundingLineFactory(financing_type="festbetrag", cap=None)
    response = client.post(
        reverse("programmes:line-update", kwargs={"pk": line.pk}),
        {
            "code": line.code,
            "name": line.name,
            "eligible_kinds": line.eligible_kinds,
            "financing_type": "festbetrag",
            "cap": "145000",
            "cap_level": "jahr",
            "rounding": "euro_ab",
            "required_attachments": "Konzept",
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.cap_level, line.rounding) == (CapLevel.YEAR, Rounding.EUROS_DOWN)
    response = client.post(
        reverse("programmes:unit-rate-create", kwargs={"pk": line.pk}),
        {
            "code": "stunde",
            "label": "Aufwandsentschädigung",
            "unit": "Stunde",
            "amount": "5",
            "max_units": "276",
            "cap_level": "person",
        },
    )
    assert response.status_code == 302
    assert UnitRate.objects.get(line=line, code="stunde").cap_level == CapLevel.PERSON
    page = client.get(line.get_absolute_url()).content.decode()
    assert "je Person" in page
    assert "je Jahr" in page


def test_staff_set_the_proof_of_use_rule_and_the_ve_of_a_line(world, client):
    """Proof-of-use rule per line (brief C1) and the Verpflichtungsermächtigung per line and
    budget year with the years it may burden (§ 38 LHO), errors next to the field."""
    from wirportal.programmes.models import BudgetYear, LineBudget, ProofOfUseRule

    client.force_login(world.users["programme_staff"])
    line = FundingLineFactory()
    response = client.post(
        reverse("programmes:line-update", kwargs={"pk": line.pk}),
        {
            "code": line.code,
            "name": line.name,
            "eligible_kinds": line.eligible_kinds,
            "financing_type": "fehlbedarf",
            "cap": "15000",
            "proof_of_use_rule": "anbest_6_monat",
            "required_attachments": "Konzept",
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.proof_of_use_rule == ProofOfUseRule.ANBEST_SIXTH_MONTH
    BudgetYear.objects.create(programme=line.programme, year=2026, total=D("5000000"))
    url = reverse("programmes:line-budget-create", kwargs={"pk": line.pk})
    response = client.post(url, {"year": "2026", "amount": "1000000", "ve_amount": "480000"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "bis zu welchem späteren Haushaltsjahr" in html and "480000" in html
    response = client.post(
        url, {"year": "2026", "amount": "1000000", "ve_amount": "480000", "ve_until_year": "2030"}
    )
    assert response.status_code == 302
    budget = LineBudget.objects.get(line=line, year=2026)
    assert (budget.ve_amount, budget.ve_until_year) == (D("480000.00"), 2030)
    page = client.get(line.get_absolute_url()).content.decode()
    assert "480.000,00" in page and "2027–2030" in page
    assert "Ablauf des sechsten auf den Bewilligungszeitraum folgenden Monats" in page
