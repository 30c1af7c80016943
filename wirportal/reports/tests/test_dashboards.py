"""Dashboard figures against sums computed a second way (Python over the rows), the coordinator's
scope, constant queries as data grows, and the CSV/XLSX exports."""

import csv
import io
import statistics
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wirportal.applications.tests.factories import ApplicationFactory
from wirportal.core.testing import assert_constant_queries
from wirportal.decisions.tests.factories import GrantDecisionFactory
from wirportal.events.tests.factories import EventFactory, RegistrationFactory
from wirportal.payments.models import PaymentRequest
from wirportal.programmes.models import LedgerEntry, LedgerKind, LineBudget
from wirportal.programmes.tests.factories import CallFactory, FundingLineFactory
from wirportal.reports import exports, selectors, tables
from wirportal.reports.selectors import Filters

pytestmark = pytest.mark.django_db

D = Decimal


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


class Data:
    """Two lines (one allocated per unit), three years, bookings of two units' applications."""

    def __init__(self, world):
        self.world = world
        self.line = FundingLineFactory(name="=Linie A", allocated_per_office=False)
        self.line_b = FundingLineFactory(
            programme=self.line.programme, name="Linie B", allocated_per_office=True
        )
        self.calls = {
            line.pk: CallFactory(line=line, first_year=2025, last_year=2027)
            for line in (self.line, self.line_b)
        }
        for line in (self.line, self.line_b):
            for year in (2025, 2026, 2027):
                LineBudget.objects.create(line=line, year=year, amount=D("100000"))
        self.n = 0

    def grant(self, *, office_key: str, line, year: int, amount: str, paid: str = "0"):
        """An application of the unit's organisation, its decision and its bookings."""
        self.n += 1
        org = self.world["org_a" if office_key == "office_x" else "org_b"]
        submitted = date(year, 1, 10) + timedelta(days=self.n)
        application = ApplicationFactory(
            organisation=org,
            call=self.calls[line.pk],
            line=line,
            status="approved",
            submitted_at=_aware(submitted),
            requested_amount=D(amount),
        )
        decision = GrantDecisionFactory(
            application=application,
            status="accepted",
            issued_at=_aware(submitted + timedelta(days=10 * self.n)),
            accepted_at=_aware(submitted + timedelta(days=10 * self.n + 5)),
        )
        budget = LineBudget.objects.get(line=line, year=year)
        office = self.world[office_key] if line.allocated_per_office else None
        key = f"application:{application.pk}"
        LedgerEntry.objects.create(
            line_budget=budget,
            office=office,
            kind=LedgerKind.COMMITMENT,
            amount=D(amount),
            source_key=key,
        )
        if D(paid):
            LedgerEntry.objects.create(
                line_budget=budget,
                office=office,
                kind=LedgerKind.PAYMENT,
                amount=D(paid),
                source_key=key,
            )
            PaymentRequest.objects.create(
                decision=decision,
                number=1,
                token=uuid.uuid4(),
                amount=D(paid),
                needed_on=submitted + timedelta(days=60),
                budget_year=year,
                status="paid",
                requested_by=self.world.users["applicant_a"],
                paid_on=submitted + timedelta(days=10 * self.n + 20),
            )
        return application

    def fill(self):
        self.grant(office_key="office_x", line=self.line, year=2026, amount="1000", paid="400")
        self.grant(office_key="office_y", line=self.line, year=2026, amount="2500", paid="2500")
        self.grant(office_key="office_x", line=self.line_b, year=2026, amount="700.50")
        self.grant(office_key="office_y", line=self.line_b, year=2027, amount="300", paid="100")
        self.grant(office_key="office_x", line=self.line, year=2025, amount="50")
        # a release and a receivable settled in part by a repayment
        app = self.grant(office_key="office_y", line=self.line, year=2026, amount="900", paid="900")
        budget = LineBudget.objects.get(line=self.line, year=2026)
        for kind, amount in (
            (LedgerKind.RELEASE, "200"),
            (LedgerKind.RECEIVABLE, "300"),
            (LedgerKind.REPAYMENT, "120"),
        ):
            LedgerEntry.objects.create(
                line_budget=budget, kind=kind, amount=D(amount), source_key=f"application:{app.pk}"
            )


@pytest.fixture
def data(world):
    result = Data(world)
    result.fill()
    return result


def _office_of(entry) -> int:
    """The second way: the unit from the application named in the key, in Python."""
    from wirportal.applications.models import Application

    if entry.office_id:
        return entry.office_id
    return Application.objects.get(pk=int(entry.source_key.split(":")[1])).organisation.office_id


def _expected(year: int, line, office_id=None) -> dict:
    sign = {
        "commitment": ("committed", 1),
        "release": ("committed", -1),
        "payment": ("paid", 1),
        "repayment": ("paid", -1),
    }
    result = {"committed": D(0), "paid": D(0), "receivable": D(0)}
    for entry in LedgerEntry.objects.filter(line_budget__year=year, line_budget__line=line):
        if office_id and _office_of(entry) != office_id:
            continue
        if entry.kind in sign:
            name, factor = sign[entry.kind]
            result[name] += factor * entry.amount
        if entry.kind == "receivable":
            result["receivable"] += entry.amount
        if entry.kind == "repayment":
            result["receivable"] -= entry.amount
    return result


def _by_key(rows):
    return {(row.year, row.line): row for row in rows}


def test_budget_per_line_equals_the_sum_of_the_bookings(data):
    opts = selectors.options()
    rows = _by_key(selectors.budget_by_line(Filters(), opts))
    for year in (2025, 2026, 2027):
        for line in (data.line, data.line_b):
            expected = _expected(year, line)
            row = rows.get((year, line.name))
            assert row is not None
            assert row.planned == D("100000")
            assert row.committed == expected["committed"]
            assert row.paid == expected["paid"]
            assert row.receivable == expected["receivable"]
            assert row.free == D("100000") - expected["committed"]
    assert rows[(2026, data.line.name)].committed == D("1000") + D("2500") + D("900") - D("200")
    assert rows[(2026, data.line.name)].receivable == D("180")


def test_budget_per_unit_and_filters(data, world):
    opts = selectors.options()
    office_x = world["office_x"]
    filtered = selectors.budget_by_line(Filters(office_id=office_x.pk, year=2026), opts)
    by_key = _by_key(filtered)
    assert (
        by_key[(2026, data.line.name)].committed
        == _expected(2026, data.line, office_x.pk)["committed"]
    )
    assert by_key[(2026, data.line.name)].planned is None  # not allocated per unit
    units = selectors.budget_by_unit(Filters(year=2026), opts)
    assert {row.unit for row in units} == {office_x.name, world["office_y"].name}
    for row in units:
        office = world["office_x"] if row.unit == office_x.name else world["office_y"]
        line = data.line if row.line == data.line.name else data.line_b
        assert row.committed == _expected(2026, line, office.pk)["committed"]
        assert row.district == office.district.name
    district = selectors.budget_by_line(
        Filters(district_id=world["office_y"].district_id, year=2026), opts
    )
    expected = _expected(2026, data.line, world["office_y"].pk)
    if world["office_y"].district_id == office_x.district_id:
        expected["committed"] += _expected(2026, data.line, office_x.pk)["committed"]
    assert _by_key(district)[(2026, data.line.name)].committed == expected["committed"]


def test_funnel_counts_the_submitted_applications(data, world):
    ApplicationFactory(organisation=world["org_a"], call=data.calls[data.line.pk])  # a draft
    ApplicationFactory(
        organisation=world["org_a"],
        call=data.calls[data.line.pk],
        status="rejected",
        submitted_at=_aware(date(2026, 3, 1)),
        requested_amount=D("10"),
    )
    opts = selectors.options()
    rows = {row.line: row for row in selectors.funnel(Filters(), opts)}
    from wirportal.applications.models import Application

    for line in (data.line, data.line_b):
        apps = [a for a in Application.objects.filter(line=line) if a.submitted_at is not None]
        row = rows[line.name]
        assert row.total == len(apps)
        for state, count in zip(selectors.FUNNEL_STATES, row.counts, strict=True):
            assert count == sum(1 for a in apps if a.status == state)
        assert row.requested == sum((a.requested_amount or D(0) for a in apps), D(0))


def test_processing_times_are_the_interpolated_percentiles(data):
    rows = {row.key: row for row in selectors.processing_times(Filters())}
    from wirportal.decisions.models import GrantDecision

    days = sorted(
        (timezone.localdate(d.issued_at) - timezone.localdate(d.application.submitted_at)).days
        for d in GrantDecision.objects.select_related("application")
    )
    expected = statistics.quantiles(days, n=4, method="inclusive")
    row = rows["submitted_to_decision"]
    assert row.count == len(days)
    assert row.values[0] == pytest.approx(expected[0])
    assert row.median == pytest.approx(statistics.median(days))
    assert row.values[2] == pytest.approx(expected[2])
    ninety = statistics.quantiles(days, n=10, method="inclusive")[-1]
    assert row.values[3] == pytest.approx(ninety)
    paid = rows["acceptance_to_payment"]
    assert paid.count == PaymentRequest.objects.count()
    assert paid.median == pytest.approx(15)


def test_events_count_registrations_check_ins_and_no_shows(world):
    past = EventFactory(
        starts_at=timezone.now() - timedelta(days=3),
        registration_opens_at=timezone.now() - timedelta(days=30),
        registration_closes_at=timezone.now() - timedelta(days=5),
    )
    for checked in (True, True, False):
        RegistrationFactory(event=past, checked_in_at=timezone.now() if checked else None)
    RegistrationFactory(event=past, status="cancelled")
    rows = selectors.events(Filters(office_id=past.host_office_id))
    assert len(rows) == 1
    assert (rows[0].registered, rows[0].checked_in, rows[0].no_show) == (3, 2, 1)
    assert rows[0].no_show_rate == pytest.approx(33.3)
    assert selectors.events(Filters(office_id=world["office_y"].pk)) == []


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_coordinator_sees_only_their_unit(client, data, world):
    client.force_login(world.users["coordinator_x"])
    office_x, office_y = world["office_x"], world["office_y"]
    params = {"einheit": office_y.pk, "bezirk": office_y.district_id, "jahr": 2026}
    response = client.get(reverse("reports:dashboard"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert office_x.name in html
    assert office_y.name not in html
    units = _csv(client.get(reverse("reports:export", args=["haushalt-einheiten", "csv"]), params))
    assert {row[2] for row in units[1:]} == {office_x.name}
    lines = _csv(client.get(reverse("reports:export", args=["haushalt-linien", "csv"]), params))
    committed = {row[1]: row[3] for row in lines[1:]}
    expected = _expected(2026, data.line, office_x.pk)["committed"]
    assert committed["'=Linie A"] == f"{expected:.2f}".replace(".", ",")
    assert expected == D("1000")


def test_applicant_has_no_dashboard(client, world):
    client.force_login(world.users["applicant_a"])
    assert client.get(reverse("reports:dashboard")).status_code == 403
    assert client.get(reverse("reports:export", args=["antraege", "csv"])).status_code == 403


def test_a_bad_filter_is_named_at_its_field_and_ignored(client, data, world):
    client.force_login(world.users["case_worker"])
    params = {"jahr": "zwanzig", "linie": data.line.pk}
    response = client.get(reverse("reports:dashboard"), params)
    assert response.status_code == 200
    assert "zwanzig ist keine gültige Auswahl" in response.content.decode()
    lines = _csv(client.get(reverse("reports:export", args=["haushalt-linien", "csv"]), params))
    assert {row[1] for row in lines[1:-1]} == {"'=Linie A"}
    assert {row[0] for row in lines[1:-1]} == {"2025", "2026", "2027"}


@pytest.mark.parametrize("page", ["haushalt", "antraege", "kennzahlen", "veranstaltungen"])
def test_each_dashboard_keeps_its_number_of_queries(
    client, data, world, page, django_assert_num_queries
):
    client.force_login(world.users["programme_staff"])
    url = reverse("reports:dashboard-page", args=[page])

    def more():
        for year in (2025, 2027):
            data.grant(office_key="office_y", line=data.line_b, year=year, amount="10", paid="5")
            data.grant(office_key="office_x", line=data.line, year=year, amount="20", paid="20")
        event = EventFactory(
            starts_at=timezone.now() - timedelta(days=400),
            registration_opens_at=timezone.now() - timedelta(days=430),
        )
        RegistrationFactory(event=event)

    assert_constant_queries(django_assert_num_queries, lambda: client.get(url), more)


def test_csv_is_for_german_excel_and_formula_safe(client, data, world):
    client.force_login(world.users["programme_staff"])
    response = client.get(
        reverse("reports:export", args=["haushalt-linien", "csv"]), {"jahr": 2026}
    )
    assert response["Content-Type"].startswith("text/csv")
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Jahr", "Förderlinie", "Ansatz"]
    line_a = next(row for row in rows if row[1].endswith("Linie A"))
    assert line_a[1] == "'=Linie A"  # no formula
    assert line_a[3] == "4200,00"  # 1000 + 2500 + 900 − 200, decimal comma


def test_xlsx_keeps_numbers_as_numbers_with_a_euro_format(client, data, world):
    from openpyxl import load_workbook

    client.force_login(world.users["programme_staff"])
    response = client.get(
        reverse("reports:export", args=["haushalt-linien", "xlsx"]), {"jahr": 2026}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Jahr", "Förderlinie", "Ansatz", "Gebunden"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "'=Linie A")
    assert row[0].value == 2026
    assert row[3].value == pytest.approx(4200)
    assert isinstance(row[3].value, (int, float))
    assert "€" in row[3].number_format


def test_table_rows_and_export_share_one_description(data):
    opts = selectors.options()
    table = tables.funnel(Filters(), opts)
    text = exports.to_csv(table).decode("utf-8-sig")
    assert text.count("\r\n") == len(table.rows) + 2  # header, rows, totals


def test_the_first_payment_of_each_grant_is_found_by_index():
    """The processing times read each grant's first paid call-down in a correlated subquery: on
    the bench's 9,000 grants with 24,000 payments SQLite scanned every paid request per grant
    through the status index (minutes for one dashboard) until the index on (decision, status,
    paid_on) existed; with it one uncached dashboard takes about 1.6 s there."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the query plan is SQLite's (PostgreSQL plans by its statistics)")
    stage = selectors._decisions(selectors.Filters()).annotate(
        days=selectors._stage_days()["acceptance_to_payment"]
    )
    sql, params = stage.values_list("pk", "days").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "payment_decision_paid_idx" in plan, plan
